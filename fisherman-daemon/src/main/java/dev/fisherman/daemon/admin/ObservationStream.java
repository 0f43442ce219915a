package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectWriter;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.daemon.api.ServicerObservation;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.Wire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.stream.ChunkedInput;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A session's observations as NDJSON, rendered a chunk at a time as the connection takes them: the
 * report on the first line, then one observation per line in round order and, inside a round, in
 * the session's servicer order (the export file's format, docs/export.md).
 */
final class ObservationStream implements ChunkedInput<ByteBuf> {
  /** Bytes a chunk holds before it is handed over (a line is never split). */
  static final int CHUNK_BYTES = 16 * 1024;

  private final ObjectWriter json = Wire.writer();
  private final Session report;
  private final List<Observation> observations;
  private boolean reportWritten;
  private int next;

  ObservationStream(SessionReport report, List<Observation> recorded) {
    this.report = Session.of(report);
    Map<String, Integer> order = new HashMap<>();
    for (int i = 0; i < report.servicers().size(); i++) {
      order.put(report.servicers().get(i).address(), i);
    }
    List<Observation> sorted = new ArrayList<>(recorded);
    sorted.sort(
        Comparator.comparingInt(Observation::round)
            .thenComparingInt(o -> order.getOrDefault(o.servicer(), Integer.MAX_VALUE)));
    this.observations = sorted;
  }

  @Override
  public boolean isEndOfInput() {
    return reportWritten && next >= observations.size();
  }

  @Override
  public void close() {
    next = observations.size();
  }

  @Deprecated
  @Override
  public ByteBuf readChunk(ChannelHandlerContext ctx) {
    return readChunk(ctx.alloc());
  }

  @Override
  public ByteBuf readChunk(ByteBufAllocator allocator) {
    if (isEndOfInput()) {
      return null;
    }
    ByteBuf out = allocator.buffer(CHUNK_BYTES);
    try {
      if (!reportWritten) {
        line(out, report);
        reportWritten = true;
      }
      while (next < observations.size() && out.readableBytes() < CHUNK_BYTES) {
        line(out, ServicerObservation.of(observations.get(next++)));
      }
      return out;
    } catch (RuntimeException e) {
      out.release();
      throw e;
    }
  }

  private void line(ByteBuf out, Object value) {
    try {
      out.writeBytes(json.writeValueAsBytes(value));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.writeByte('\n');
  }

  @Override
  public long length() {
    return -1;
  }

  @Override
  public long progress() {
    return next;
  }
}
