package dev.fisherman.daemon;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;

/**
 * Keeps the exposition clean for Prometheus tooling: supplies the help text that Micrometer's Netty
 * binders leave out (families without help are rejected), and renames {@code system.cpu.count},
 * whose {@code _count} suffix Prometheus linting reserves for histograms and summaries, to {@code
 * system.cpus}.
 */
final class MeterDescriptions implements MeterFilter {
  private static final Map<String, String> DESCRIPTIONS =
      Map.of(
          "netty.allocator.memory.used", "Memory held by the Netty buffer allocator, by kind",
          "netty.allocator.memory.pinned",
              "Memory the Netty buffer allocator has lent out, by kind",
          "netty.allocator.pooled.arenas", "Arenas of the pooled Netty buffer allocator, by kind",
          "netty.allocator.pooled.cache.size", "Cache size of the pooled Netty buffer allocator",
          "netty.allocator.pooled.threadlocal.caches",
              "Thread-local caches of the pooled Netty buffer allocator",
          "netty.allocator.pooled.chunk.size", "Chunk size of the pooled Netty buffer allocator",
          "netty.eventexecutor.tasks.pending", "Tasks waiting in a Netty event loop's queue",
          "netty.eventexecutor.workers", "Threads of a Netty event loop group");

  @Override
  public Meter.Id map(Meter.Id id) {
    if (id.getName().equals("system.cpu.count")) {
      id = id.withName("system.cpus");
    }
    if (id.getDescription() != null && !id.getDescription().isBlank()) {
      return id;
    }
    String description = DESCRIPTIONS.get(id.getName());
    if (description == null) {
      return id;
    }
    return new Meter.Id(
        id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
  }
}
