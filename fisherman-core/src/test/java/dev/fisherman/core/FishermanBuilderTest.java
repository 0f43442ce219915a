package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.genesis.Distribution;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class FishermanBuilderTest {
  private EventLoopGroup group;

  @BeforeEach
  void group() {
    group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
  }

  @AfterEach
  void shutdown() {
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  @Test
  void build_withoutEventLoopGroup_isRejected() {
    var builder =
        Fisherman.builder(
            Genesises.genesis(
                Genesises.qos(4, Distribution.STRATIFIED, Duration.ZERO, Duration.ofSeconds(1))));

    assertThatThrownBy(builder::build)
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("eventLoopGroup: not set (expected: an event loop group)");
    assertThatThrownBy(() -> builder.storeMaxRecords(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("storeMaxRecords: 0 (expected: >= 1)");
  }

  @Test
  void build_fixedDistribution_warnsOnceThatProbesArePredictable() {
    Logger logger = (Logger) LoggerFactory.getLogger(DefaultFisherman.class);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    try (Fisherman engine =
        Fisherman.builder(
                Genesises.genesis(
                    Genesises.qos(4, Distribution.FIXED, Duration.ZERO, Duration.ofSeconds(1))))
            .eventLoopGroup(group)
            .build()) {
      assertThat(engine.isRunning()).isTrue();
    } finally {
      logger.detachAppender(appender);
    }

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getLevel()).isEqualTo(Level.WARN);
              assertThat(e.getFormattedMessage())
                  .isEqualTo(
                      "params.qos.distribution is fixed: probe instants are evenly spaced and"
                          + " predictable to servicers");
            });
  }

  @Test
  void build_registersEveryMeterWithADescription() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (Fisherman engine =
        Fisherman.builder(
                Genesises.genesis(
                    Genesises.qos(
                        4, Distribution.STRATIFIED, Duration.ZERO, Duration.ofSeconds(1))))
            .eventLoopGroup(group)
            .meterRegistry(registry)
            .build()) {
      assertThat(engine.accounting()).isEqualTo(new Accounting(0, 0, 0, 0));
    }

    assertThat(registry.getMeters())
        .extracting(m -> m.getId().getName())
        .contains(
            FishermanMetrics.PROBES,
            FishermanMetrics.PROBE_LATENCY,
            FishermanMetrics.ROUND_LATENESS,
            FishermanMetrics.ROUND_FANOUT_SKEW,
            FishermanMetrics.ROUND_SERVICERS,
            FishermanMetrics.SESSIONS_ACTIVE,
            FishermanMetrics.PROBES_IN_FLIGHT,
            FishermanMetrics.STORE_SESSIONS,
            FishermanMetrics.STORE_WEIGHT,
            "cache.gets");
    assertThat(registry.getMeters())
        .filteredOn(m -> m.getId().getName().startsWith("fisherman."))
        .allSatisfy(m -> assertThat(m.getId().getDescription()).isNotBlank());
    assertThat(registry.find(FishermanMetrics.PROBES).counters())
        .hasSize(dev.fisherman.core.probe.Outcome.values().length);
  }
}
