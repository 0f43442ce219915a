package dev.fisherman.bench.micro;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.qos.LatencySummary;
import dev.fisherman.core.qos.ServicerQos;
import dev.fisherman.core.store.SessionReport;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/**
 * Renders a {@link SessionReport} in the shape of {@code GET /v1/sessions/{id}} (docs/admin-api.md)
 * with Jackson's streaming generator, the way the admin API renders it.
 */
final class SessionJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private SessionJson() {}

  static void write(SessionReport report, OutputStream out) throws IOException {
    try (JsonGenerator g = FACTORY.createGenerator(out)) {
      g.writeStartObject();
      g.writeStringField("session_id", report.summary().sessionId());
      g.writeStringField("service", report.summary().service());
      g.writeStringField("state", report.summary().state().wireName());
      g.writeNumberField("rounds_planned", report.summary().roundsPlanned());
      g.writeNumberField("rounds_done", report.summary().roundsDone());
      g.writeArrayFieldStart("servicers");
      for (ServicerQos s : report.servicers()) {
        servicer(g, s);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
  }

  private static void servicer(JsonGenerator g, ServicerQos s) throws IOException {
    g.writeStartObject();
    g.writeStringField("address", s.address());
    g.writeStringField("url", s.url().toString());
    g.writeNumberField("probes", s.probes());
    g.writeObjectFieldStart("outcomes");
    for (Map.Entry<Outcome, Long> e : s.outcomes().entrySet()) {
      g.writeNumberField(e.getKey().wireName(), e.getValue());
    }
    g.writeEndObject();
    if (s.availability().isPresent()) {
      g.writeNumberField("availability", s.availability().getAsDouble());
    } else {
      g.writeNullField("availability");
    }
    if (s.availabilityCi95().isPresent()) {
      g.writeArrayFieldStart("availability_ci95");
      g.writeNumber(s.availabilityCi95().get().low());
      g.writeNumber(s.availabilityCi95().get().high());
      g.writeEndArray();
    } else {
      g.writeNullField("availability_ci95");
    }
    if (s.latencyMs().isPresent()) {
      LatencySummary l = s.latencyMs().get();
      g.writeObjectFieldStart("latency_ms");
      g.writeNumberField("min", l.min());
      g.writeNumberField("p50", l.p50());
      g.writeNumberField("p90", l.p90());
      g.writeNumberField("p99", l.p99());
      g.writeNumberField("max", l.max());
      g.writeNumberField("mean", l.mean());
      g.writeEndObject();
    } else {
      g.writeNullField("latency_ms");
    }
    g.writeObjectFieldStart("verdicts");
    g.writeStringField("available", s.verdicts().available().wireName());
    g.writeStringField("latency", s.verdicts().latency().wireName());
    g.writeEndObject();
    g.writeEndObject();
  }
}
