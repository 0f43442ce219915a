package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeLabel;
import dev.fisherman.core.testkit.Genesises;
import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.genesis.ConnectionMode;
import dev.fisherman.genesis.Distribution;
import dev.fisherman.testkit.NoLeaks;
import dev.fisherman.testkit.Servicers;
import io.netty.channel.Channel;
import io.netty.channel.ChannelException;
import io.netty.channel.ChannelFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.lang.reflect.InvocationTargetException;
import java.net.SocketException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

/**
 * A flood of probes while the process has no file descriptor left (issue 15: 150 servicers at a
 * refused port, a new session every 50 ms, millions of "channel not registered to an event loop"
 * stack traces and probes that never ended). The channel factory fails the way Netty's does when
 * {@code socket()} returns EMFILE.
 */
@ExtendWith(NoLeaks.class)
class SocketShortageIT {
  private static final int SERVICERS = 150;
  private static final int ROUNDS = 20;

  private EventLoopGroup group;
  private final List<ListAppender<ILoggingEvent>> appenders = new ArrayList<>();
  private final List<Logger> loggers = new ArrayList<>();

  @BeforeEach
  void start() {
    group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
  }

  @AfterEach
  void stop() {
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).detachAppender(appenders.get(i));
    }
    group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
  }

  private ListAppender<ILoggingEvent> capture(String loggerName) {
    Logger logger = (Logger) LoggerFactory.getLogger(loggerName);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    loggers.add(logger);
    appenders.add(appender);
    return appender;
  }

  /** Every other channel cannot be created: {@code socket()} failed with EMFILE. */
  private static ChannelFactory<Channel> everyOtherFails(AtomicInteger created) {
    return () -> {
      if (created.getAndIncrement() % 2 == 1) {
        // What ReflectiveChannelFactory throws around NioSocketChannel's constructor.
        throw new ChannelException(
            "Unable to create Channel from class class io.netty.channel.socket.nio.NioSocketChannel",
            new InvocationTargetException(
                new ChannelException(
                    "Failed to open a socket.", new SocketException("Too many open files"))));
      }
      return new NioSocketChannel();
    };
  }

  @Test
  void fanOut_noFileDescriptorLeft_endsThoseProbesCancelledOnceLoggedAndTheOthersRefused()
      throws Exception {
    ListAppender<ILoggingEvent> all = capture(Logger.ROOT_LOGGER_NAME);
    URI refusing = Servicers.refusingUrl();
    AtomicInteger created = new AtomicInteger();
    RelayClientConfig config =
        RelayClientConfig.from(
            Genesises.qos(
                12,
                Distribution.STRATIFIED,
                Duration.ZERO,
                Duration.ofSeconds(2),
                ConnectionMode.REUSE,
                1_048_576));
    List<Observation> observations = new ArrayList<>();
    try (DefaultRelayClient client =
        new DefaultRelayClient(group, config, FishermanClock.system(), everyOtherFails(created))) {
      for (int round = 0; round < ROUNDS; round++) {
        List<URI> urls = new ArrayList<>();
        List<ProbeLabel> labels = new ArrayList<>();
        for (int i = 0; i < SERVICERS; i++) {
          urls.add(refusing);
          labels.add(ProbeLabel.now("s-" + i, FishermanClock.system()));
        }
        List<CompletableFuture<Observation>> futures =
            client.fanOut(urls, RelayRequest.of(Genesises.ETH, round), labels);
        // Every probe ends, well within relay_timeout: none is lost with its channel.
        CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
            .get(10, TimeUnit.SECONDS);
        for (CompletableFuture<Observation> f : futures) {
          observations.add(f.join());
        }
      }
      assertThat(client.inFlight()).isZero();
      assertThat(client.socketShortage.unsent()).isEqualTo(SERVICERS * ROUNDS / 2);
    }

    Map<Outcome, Long> outcomes =
        observations.stream()
            .collect(Collectors.groupingBy(Observation::outcome, Collectors.counting()));
    assertThat(outcomes)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                Outcome.REFUSED, (long) SERVICERS * ROUNDS / 2,
                Outcome.CANCELLED, (long) SERVICERS * ROUNDS / 2));
    assertThat(
            observations.stream()
                .filter(o -> o.outcome() == Outcome.CANCELLED)
                .map(Observation::detail)
                .distinct())
        .containsExactly(
            "not sent: the fisherman could not open a connection (Too many open files)");
    assertThat(
            observations.stream()
                .filter(o -> o.outcome() == Outcome.CANCELLED)
                .allMatch(o -> o.connectNanos().isEmpty() && o.httpStatus().isEmpty()))
        .isTrue();

    // One line for the whole shortage, not one stack trace per probe.
    List<String> warnings =
        all.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
            .map(e -> e.getLoggerName() + ": " + e.getFormattedMessage())
            .toList();
    assertThat(warnings)
        .containsExactly(
            SocketShortage.class.getName()
                + ": relay: cannot open a connection (Too many open files); probes that cannot"
                + " are not sent and end as cancelled (logged again at most once a minute)");
    assertThat(all.list.stream().filter(e -> e.getThrowableProxy() != null)).isEmpty();
  }

  @Test
  void unsent_logsTheFirstAtOnceThenAtMostOnceAMinuteWithTheCount() {
    ListAppender<ILoggingEvent> lines = capture(SocketShortage.class.getName());
    dev.fisherman.testkit.ManualClock manual =
        new dev.fisherman.testkit.ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    SocketShortage shortage = new SocketShortage(FishermanClock.of(manual, manual));
    Throwable emfile =
        new ChannelException(
            "Failed to open a socket.", new SocketException("Too many open files"));
    Function<Integer, List<String>> unsent =
        n -> {
          for (int i = 0; i < n; i++) {
            assertThat(shortage.unsent(emfile))
                .isEqualTo(
                    "not sent: the fisherman could not open a connection (Too many open files)");
          }
          return lines.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        };

    assertThat(unsent.apply(1000)).hasSize(1);
    manual.advance(Duration.ofSeconds(59));
    assertThat(unsent.apply(1000)).hasSize(1);
    manual.advance(Duration.ofSeconds(1));
    assertThat(unsent.apply(1))
        .last()
        .isEqualTo(
            "relay: cannot open a connection (Too many open files); 2000 probes not sent since"
                + " the last line, 2001 in all");
    assertThat(shortage.unsent()).isEqualTo(2001);
    assertThat(lines.list).allMatch(e -> e.getThrowableProxy() == null);
  }

  @Test
  void why_namesAShutLoopAsSuch() {
    assertThat(
            SocketShortage.why(
                new java.util.concurrent.RejectedExecutionException("event executor terminated")))
        .isEqualTo("event loop shut down");
  }
}
