package dev.fisherman.bench.micro;

import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.Wire;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JSON rendering of one session report as {@code GET /v1/sessions/{id}} answers it: the admin
 * port's own renderer (the wire model's records through Jackson), and the same document from a
 * streaming generator for comparison.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class RenderBenchmark {
  @Param({"1000"})
  int servicers;

  private static final ObjectWriter WRITER = Wire.writer();

  private SessionReport report;
  private ByteArrayOutputStream out;

  @Setup
  public void setUp() {
    report = Reports.session(servicers, 42);
    out = new ByteArrayOutputStream(1 << 20);
  }

  @Benchmark
  public byte[] adminRenderer() throws IOException {
    return WRITER.writeValueAsBytes(Session.of(report));
  }

  @Benchmark
  public int streamingGenerator() throws IOException {
    out.reset();
    SessionJson.write(report, out);
    return out.size();
  }
}
