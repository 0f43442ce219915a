package dev.fisherman.daemon.status;

import static dev.fisherman.daemon.status.Html.escape;
import static dev.fisherman.daemon.status.Html.segment;

import dev.fisherman.daemon.api.Observation;
import dev.fisherman.daemon.api.QosFigures;
import dev.fisherman.daemon.api.ServicerQos;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.SessionSummary;
import dev.fisherman.daemon.api.Standing;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * The status page: one HTML document, complete without JavaScript, with no external resources.
 * Every string that came from a servicer, a session or a check is escaped with {@link Html}; the
 * one inline style sheet and script carry the nonce the {@code Content-Security-Policy} allows.
 */
public final class StatusPage {
  /** Seconds between refreshes by the page's script. */
  static final int REFRESH_SECONDS = 5;

  private StatusPage() {}

  /** The {@code Content-Security-Policy} that goes with a page rendered with {@code nonce}. */
  public static String contentSecurityPolicy(String nonce) {
    checkNonce(nonce);
    return "default-src 'none'; style-src 'nonce-"
        + nonce
        + "'; script-src 'nonce-"
        + nonce
        + "'; connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none';"
        + " frame-ancestors 'none'";
  }

  /** The page for {@code model}; {@code nonce} must be the one of the response's policy. */
  public static String render(StatusModel model, String nonce) {
    checkNonce(nonce);
    StringBuilder h = new StringBuilder(16 * 1024);
    boolean ready = model.health().ready();
    h.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<title>fisherman status: ")
        .append(ready ? "ready" : "not ready")
        .append("</title>\n<link rel=\"icon\" href=\"data:,\">\n")
        .append("<style nonce=\"")
        .append(nonce)
        .append("\">")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n<header>\n<h1>fisherman status</h1>\n")
        .append("<p class=\"meta\">Generated ")
        .append(time(model.generatedAt()))
        .append(". <label id=\"refresh-label\" hidden><input type=\"checkbox\"")
        .append(" id=\"refresh\" checked> refresh every ")
        .append(REFRESH_SECONDS)
        .append(" s</label></p>\n</header>\n<main>\n");
    health(h, model);
    for (StatusModel.Service s : model.services()) {
      service(h, s);
    }
    sessions(h, model.sessions());
    h.append("</main>\n<footer><p class=\"meta\">JSON: <a href=\"/v1/sessions\">/v1/sessions</a>,")
        .append(" <a href=\"/readyz\">/readyz</a>, metrics: <a href=\"/metrics\">/metrics</a>.")
        .append("</p></footer>\n<script nonce=\"")
        .append(nonce)
        .append("\">")
        .append(SCRIPT)
        .append("</script>\n</body>\n</html>\n");
    return h.toString();
  }

  private static void health(StringBuilder h, StatusModel model) {
    boolean ready = model.health().ready();
    h.append("<section aria-labelledby=\"health\">\n<h2 id=\"health\">This fisherman ")
        .append(badge("readiness", ready ? "ready" : "not ready", ready ? "good" : "bad"))
        .append("</h2>\n");
    if (model.health().checks().isEmpty()) {
      h.append("<p>No checks yet.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table>\n<caption>Readiness checks (")
        .append("<a href=\"/readyz\">JSON</a>)</caption>\n")
        .append("<thead><tr><th scope=\"col\">Check</th><th scope=\"col\">Detail</th></tr></thead>")
        .append("\n<tbody>\n");
    model
        .health()
        .checks()
        .forEach(
            (name, detail) ->
                h.append("<tr><th scope=\"row\">")
                    .append(escape(name))
                    .append("</th><td>")
                    .append(escape(detail))
                    .append("</td></tr>\n"));
    h.append("</tbody>\n</table></div>\n</section>\n");
  }

  private static void service(StringBuilder h, StatusModel.Service s) {
    String anchor = "service-" + segment(s.id());
    h.append("<section aria-labelledby=\"")
        .append(anchor)
        .append("\">\n<h2 id=\"")
        .append(anchor)
        .append("\">Service ")
        .append(escape(s.id()))
        .append("</h2>\n<p class=\"meta\"><a href=\"/v1/services/")
        .append(segment(s.id()))
        .append("/ranking\">ranking (JSON)</a></p>\n");
    if (s.session().isEmpty()) {
      h.append("<p>No session yet.</p>\n</section>\n");
      return;
    }
    Session session = s.session().get();
    String sessionPath = "/v1/sessions/" + segment(session.sessionId());
    h.append("<p>Session <a href=\"")
        .append(sessionPath)
        .append("\"><code>")
        .append(escape(session.sessionId()))
        .append("</code></a> ")
        .append(badge("state", session.state(), "neutral"))
        .append(" from ")
        .append(time(session.startedAt()))
        .append(" to ")
        .append(time(session.endsAt()))
        .append("</p>\n");
    Timeline.render(h, session, s.sessionProbes());

    h.append("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Servicers of ")
        .append(escape(s.id()))
        .append("\"><table class=\"servicers\">\n<caption>Servicers in session <code>")
        .append(escape(session.sessionId()))
        .append("</code></caption>\n<thead><tr>")
        .append("<th scope=\"col\">Servicer</th>")
        .append("<th scope=\"col\">Verdicts</th>")
        .append("<th scope=\"col\">Reputation</th>")
        .append("<th scope=\"col\">Availability (95% interval)</th>")
        .append("<th scope=\"col\">p50</th>")
        .append("<th scope=\"col\">p99</th>")
        .append("<th scope=\"col\">Probes</th>")
        .append("<th scope=\"col\">Recent probes</th>")
        .append("<th scope=\"col\">JSON</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (ServicerQos servicer : session.servicers()) {
      QosFigures q = servicer.qos();
      String address = servicer.address();
      h.append("<tr><th scope=\"row\"><span class=\"name\">")
          .append(escape(address))
          .append("</span><br><span class=\"url\">")
          .append(escape(q.url().toString()))
          .append("</span></th><td class=\"verdicts\">");
      verdicts(q.verdicts())
          .forEach((name, value) -> h.append(badge(name, value, tone(value))).append(' '));
      h.append("</td><td class=\"reputation\">")
          .append(reputation(s.reputations().get(address)))
          .append("</td><td>")
          .append(availability(q))
          .append("</td><td class=\"num\">")
          .append(millis(q.latencyMs().map(l -> l.p50())))
          .append("</td><td class=\"num\">")
          .append(millis(q.latencyMs().map(l -> l.p99())))
          .append("</td><td class=\"num\">")
          .append(q.probes())
          .append("</td><td>")
          .append(Sparkline.svg(s.recentProbes().getOrDefault(address, List.of())))
          .append("</td><td><a href=\"")
          .append(sessionPath)
          .append("/servicers/")
          .append(segment(address))
          .append("\" aria-label=\"JSON of ")
          .append(escape(address))
          .append(" in this session\">session</a> · <a href=\"/v1/servicers/")
          .append(segment(address))
          .append("\" aria-label=\"JSON of ")
          .append(escape(address))
          .append(" in every session\">all</a></td></tr>\n");
    }
    h.append("</tbody>\n</table></div>\n</section>\n");
  }

  private static void sessions(StringBuilder h, List<SessionSummary> sessions) {
    h.append("<section aria-labelledby=\"sessions\">\n<h2 id=\"sessions\">Recent sessions</h2>\n");
    if (sessions.isEmpty()) {
      h.append("<p>No sessions yet.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"scroll\" role=\"region\" tabindex=\"0\" aria-label=\"Recent sessions\">")
        .append("<table>\n<thead><tr><th scope=\"col\">Session</th><th scope=\"col\">Service</th>")
        .append("<th scope=\"col\">State</th><th scope=\"col\">Rounds done / planned</th>")
        .append("<th scope=\"col\">Servicers</th><th scope=\"col\">Started</th></tr></thead>\n")
        .append("<tbody>\n");
    for (SessionSummary s : sessions) {
      h.append("<tr><th scope=\"row\"><a href=\"/v1/sessions/")
          .append(segment(s.sessionId()))
          .append("\"><code>")
          .append(escape(s.sessionId()))
          .append("</code></a></th><td>")
          .append(escape(s.service()))
          .append("</td><td>")
          .append(escape(s.state()))
          .append("</td><td class=\"num\">")
          .append(s.roundsDone())
          .append(" / ")
          .append(s.roundsPlanned())
          .append("</td><td class=\"num\">")
          .append(s.servicers())
          .append("</td><td>")
          .append(time(s.startedAt()))
          .append("</td></tr>\n");
    }
    h.append("</tbody>\n</table></div>\n</section>\n");
  }

  /**
   * The verdicts by wire name, in the wire model's order, whatever verdicts it has; absent ones
   * left out.
   */
  static Map<String, String> verdicts(QosFigures.Verdicts verdicts) {
    // The wire model's order and names, whatever verdicts it grows: one entry per component.
    Map<String, String> out = new LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : QosFigures.Verdicts.class.getRecordComponents()) {
      Object v;
      try {
        v = c.getAccessor().invoke(verdicts);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (v != null) {
        out.put(c.getName(), String.valueOf(v));
      }
    }
    return out;
  }

  /** How a verdict reads: good, bad, unknown or neither. */
  static String tone(String value) {
    return switch (value) {
      case "yes", "low", "ok", "true" -> "good";
      case "no", "high", "false" -> "bad";
      case "unknown" -> "unknown";
      default -> "neutral";
    };
  }

  /** The state as a badge and the score out of 100; a dash when not remembered. */
  private static String reputation(Standing standing) {
    if (standing == null) {
      return "<span class=\"none\">not remembered</span>";
    }
    String tone =
        switch (standing.state()) {
          case "ok" -> "good";
          case "timeout" -> "bad";
          case "probation" -> "unknown";
          default -> "neutral";
        };
    return badge("reputation", standing.state(), tone)
        + " <span class=\"score\">score "
        + standing.score()
        + "/100</span>";
  }

  private static String badge(String name, String value, String tone) {
    return "<span class=\"badge " + tone + "\">" + escape(name) + ": " + escape(value) + "</span>";
  }

  private static String availability(QosFigures q) {
    OptionalDouble a = q.availability();
    if (a.isEmpty()) {
      return "<span class=\"none\">no probes yet</span>";
    }
    String text = String.format(Locale.ROOT, "%.1f%%", 100 * a.getAsDouble());
    return q.availabilityCi95()
        .map(
            ci ->
                text
                    + String.format(
                        Locale.ROOT,
                        " <span class=\"ci\">(%.1f–%.1f%%)</span>",
                        100 * ci.low(),
                        100 * ci.high()))
        .orElse(text);
  }

  private static String millis(Optional<Double> ms) {
    return ms.map(v -> String.format(Locale.ROOT, v >= 100 ? "%.0f&nbsp;ms" : "%.1f&nbsp;ms", v))
        .orElse("–");
  }

  /** A {@code <time>} with the exact instant in its attribute and seconds in its text. */
  static String time(Instant at) {
    return "<time datetime=\""
        + at
        + "\">"
        + SHOWN.format(at.truncatedTo(ChronoUnit.SECONDS))
        + "</time>";
  }

  private static final DateTimeFormatter SHOWN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);

  private static void checkNonce(String nonce) {
    Objects.requireNonNull(nonce, "nonce");
    if (!nonce.matches("[A-Za-z0-9+/=_-]{16,}")) {
      throw new IllegalArgumentException(
          "nonce: " + nonce + " (expected: at least 16 base64 characters)");
    }
  }

  /** The outcome classes a sparkline and a timeline tell apart. */
  static String probeClass(Observation o) {
    return switch (o.outcome()) {
      case "ok" -> "ok";
      case "cancelled" -> "cancelled";
      default -> "failed";
    };
  }

  private static final String CSS =
      """
      :root{--bg:#fff;--fg:#1b1f24;--muted:#57606a;--line:#d0d7de;--good:#1a7f37;--good-bg:#dafbe1;\
      --bad:#cf222e;--bad-bg:#ffebe9;--unk:#7d4e00;--unk-bg:#fff8c5;--neu-bg:#eaeef2;--link:#0969da;\
      --planned:#d0d7de}
      @media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;\
      --line:#30363d;--good:#3fb950;--good-bg:#12261e;--bad:#f85149;--bad-bg:#2d1214;\
      --unk:#d29922;--unk-bg:#272115;--neu-bg:#21262d;--link:#58a6ff;--planned:#30363d}}
      *{box-sizing:border-box}
      body{margin:0 auto;max-width:72rem;padding:1rem;background:var(--bg);color:var(--fg);\
      font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
      a{color:var(--link)}a:focus-visible,[tabindex]:focus-visible,input:focus-visible{\
      outline:2px solid var(--link);outline-offset:2px}
      h1{font-size:1.4rem;margin:.2rem 0}h2{font-size:1.15rem;margin:1.6rem 0 .4rem}
      .meta,.url,.ci,caption,.none{color:var(--muted)}.url{font-size:.8rem;word-break:break-all}
      .name{font-weight:600;white-space:nowrap}
      .scroll{overflow-x:auto}code{overflow-wrap:anywhere}
      table{border-collapse:collapse;width:100%;margin:.4rem 0}
      caption{text-align:left;padding:.2rem 0;font-size:.9rem}
      th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
      thead th{font-size:.85rem;color:var(--muted);white-space:nowrap}
      td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
      .badge{display:inline-block;margin:.1rem 0;padding:.05rem .45rem;border-radius:1rem;\
      font-size:.8rem;white-space:nowrap;border:1px solid currentColor}
      .badge.good{color:var(--good);background:var(--good-bg)}
      .badge.bad{color:var(--bad);background:var(--bad-bg);font-weight:600}
      .badge.unknown{color:var(--unk);background:var(--unk-bg)}
      .badge.neutral{color:var(--fg);background:var(--neu-bg)}
      svg .ok{fill:var(--good)}svg .failed{fill:var(--bad)}svg .cancelled{fill:var(--muted)}
      svg .done{fill:var(--muted)}svg .planned{fill:none;stroke:var(--planned)}
      .timeline{display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
      .timeline svg{max-width:100%;height:auto}
      @media (max-width:40rem){body{padding:.5rem}th,td{padding:.3rem}.url{display:none}}
      """;

  private static final String SCRIPT =
      """
      (function () {
        var box = document.getElementById('refresh');
        document.getElementById('refresh-label').hidden = false;
        setInterval(function () {
          var main = document.querySelector('main');
          if (!box.checked || document.hidden || main.contains(document.activeElement)) return;
          fetch(location.href, {cache: 'no-store'})
            .then(function (r) { return r.ok ? r.text() : null; })
            .then(function (text) {
              if (text === null) return;
              var next = new DOMParser().parseFromString(text, 'text/html');
              var fresh = next.querySelector('main');
              if (fresh) { document.querySelector('main').replaceWith(fresh); }
              var when = next.querySelector('header time');
              if (when) { document.querySelector('header time').replaceWith(when); }
            })
            .catch(function () {});
        }, REFRESH_MS);
      })();
      """
          .replace("REFRESH_MS", Integer.toString(REFRESH_SECONDS * 1000));
}
