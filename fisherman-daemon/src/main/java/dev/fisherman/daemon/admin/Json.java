package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.Interval;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionSummary;
import java.util.OptionalLong;

/**
 * The admin API's JSON shapes, written in one place so every endpoint names fields the same way
 * (snake_case, durations in milliseconds, instants as ISO-8601 UTC).
 */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  /** {@code {"session_id","service","started_at","ends_at","state","rounds_planned",...}}. */
  static ObjectNode summary(SessionSummary s) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("session_id", s.sessionId());
    n.put("service", s.service());
    n.put("started_at", s.startsAt().toString());
    n.put("ends_at", s.endsAt().toString());
    n.put("state", s.state().wireName());
    n.put("rounds_planned", s.roundsPlanned());
    n.put("rounds_done", s.roundsDone());
    n.put("servicers", s.servicers());
    return n;
  }

  /** A session with every servicer's QoS: the summary, its servicer count replaced by the list. */
  static ObjectNode report(SessionReport r) {
    ObjectNode n = summary(r.summary());
    n.remove("servicers");
    ArrayNode servicers = n.putArray("servicers");
    for (ServicerQos q : r.servicers()) {
      servicers.add(qos(q));
    }
    return n;
  }

  /** One servicer's QoS: probes, outcomes, availability, latency, verdicts. */
  static ObjectNode qos(ServicerQos q) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("address", q.address());
    n.put("url", q.url().toString());
    n.put("probes", q.probes());
    ObjectNode outcomes = n.putObject("outcomes");
    for (Outcome o : Outcome.values()) {
      Long count = q.outcomes().get(o);
      if (count != null && count > 0) {
        outcomes.put(o.wireName(), count);
      }
    }
    if (q.availability().isPresent()) {
      n.put("availability", round(q.availability().getAsDouble(), 4));
    } else {
      n.putNull("availability");
    }
    if (q.availabilityCi95().isPresent()) {
      Interval ci = q.availabilityCi95().get();
      n.putArray("availability_ci95").add(round(ci.low(), 4)).add(round(ci.high(), 4));
    } else {
      n.putNull("availability_ci95");
    }
    if (q.latencyMs().isPresent()) {
      LatencySummary l = q.latencyMs().get();
      ObjectNode lat = n.putObject("latency_ms");
      lat.put("min", round(l.min(), 3));
      lat.put("p50", round(l.p50(), 3));
      lat.put("p90", round(l.p90(), 3));
      lat.put("p99", round(l.p99(), 3));
      lat.put("max", round(l.max(), 3));
      lat.put("mean", round(l.mean(), 3));
    } else {
      n.putNull("latency_ms");
    }
    ObjectNode verdicts = n.putObject("verdicts");
    verdicts.put("available", q.verdicts().available().wireName());
    verdicts.put("latency", q.verdicts().latency().wireName());
    putOptional(n, "block_height", q.maxBlockHeight());
    return n;
  }

  /** One servicer in one session, with its last observations, newest last. */
  static ObjectNode detail(ServicerDetail d) {
    ObjectNode n = qos(d.qos());
    n.put("session_id", d.session().sessionId());
    n.put("service", d.session().service());
    n.put("state", d.session().state().wireName());
    ArrayNode last = n.putArray("last_observations");
    for (Observation o : d.lastObservations()) {
      last.add(observation(o));
    }
    return n;
  }

  /** One probe: when it was meant to go and went, how long each phase took, how it ended. */
  static ObjectNode observation(Observation o) {
    ObjectNode n = MAPPER.createObjectNode();
    n.put("round", o.round());
    n.put("outcome", o.outcome().wireName());
    n.put("intended_at", o.intendedAt().toString());
    n.put("sent_at", o.sentAt().toString());
    n.put("lateness_ms", millis(o.latenessNanos()));
    putMillis(n, "connect_ms", o.connectNanos());
    putMillis(n, "first_byte_ms", o.firstByteNanos());
    n.put("total_ms", millis(o.totalNanos()));
    n.put("latency_from_intended_ms", millis(o.latencyFromIntendedNanos()));
    if (o.httpStatus().isPresent()) {
      n.put("http_status", o.httpStatus().getAsInt());
    } else {
      n.putNull("http_status");
    }
    putOptional(n, "rpc_error_code", o.rpcErrorCode());
    putOptional(n, "block_height", o.blockHeight());
    n.put("detail", o.detail());
    return n;
  }

  static double millis(long nanos) {
    return round(nanos / 1e6, 3);
  }

  static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  private static void putMillis(ObjectNode n, String key, OptionalLong nanos) {
    if (nanos.isPresent()) {
      n.put(key, millis(nanos.getAsLong()));
    } else {
      n.putNull(key);
    }
  }

  private static void putOptional(ObjectNode n, String key, OptionalLong value) {
    if (value.isPresent()) {
      n.put(key, value.getAsLong());
    } else {
      n.putNull(key);
    }
  }
}
