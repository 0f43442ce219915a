package dev.fisherman.daemon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionServicer;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.source.SessionSink;
import dev.fisherman.daemon.source.SessionSource;
import dev.fisherman.daemon.source.SourceContext;
import dev.fisherman.daemon.source.SourceFactory;
import dev.fisherman.daemon.source.SourceOption;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.daemon.testing.FakeFisherman;
import dev.fisherman.daemon.testing.TestGenesis;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** A source kind the daemon does not know plugs in through its factory alone. */
class SourceFactoryIT {
  private static final SourceOption NODE =
      new SourceOption(
          "--chain-rpc", "URL", "The chain's RPC.", false, Optional.of("http://127.0.0.1:26657"));
  private static final SourceOption APPLICATION =
      new SourceOption("--chain-account", "ADDRESS", "An account.", true, Optional.empty());

  private final FakeFisherman engine = new FakeFisherman(12);
  private final AtomicReference<SourceContext> context = new AtomicReference<>();

  /** A "chain" source: submits one session when started, like a node source would. */
  private final SourceFactory chain =
      new SourceFactory() {
        @Override
        public String kind() {
          return "chain";
        }

        @Override
        public String usage() {
          return "chain";
        }

        @Override
        public boolean accepts(SourceSpec spec) {
          return spec.argument().isEmpty();
        }

        @Override
        public List<SourceOption> options() {
          return List.of(NODE, APPLICATION);
        }

        @Override
        public SessionSource create(SourceSpec spec, SourceContext c) {
          context.set(c);
          return new SessionSource() {
            private volatile boolean started;

            @Override
            public String name() {
              return "chain";
            }

            @Override
            public void start(SessionSink sink) {
              started = true;
              Instant now = c.clock().instant();
              Admission a =
                  sink.submit(
                      new SessionStarted(
                          "chain-1",
                          "eth",
                          OptionalLong.of(10),
                          OptionalLong.of(14),
                          now,
                          now.plusSeconds(60),
                          List.of(new SessionServicer("a", URI.create("http://127.0.0.1:9001")))));
              assertThat(a).isEqualTo(Admission.ACCEPTED);
            }

            @Override
            public CheckResult check() {
              return started ? CheckResult.OK : CheckResult.failed("not started");
            }

            @Override
            public void close() {}
          };
        }
      };

  private Daemon.Builder builder() {
    return Daemon.builder(TestGenesis.twoServicers())
        .admin(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
        .engineFactory((genesis, group, registry, clock, random, export) -> engine)
        .probeThreads(1)
        .sourceFactory(chain);
  }

  @Test
  void newKind_startsFromItsFactory_withItsOptionsAndTheDaemonsLoops() {
    Daemon daemon =
        builder()
            .source(SourceSpec.of("chain"))
            .sourceOption("--chain-account", List.of("pokt1a", "pokt1b"))
            .start();
    try {
      assertThat(daemon.checks()).containsEntry("source:chain", CheckResult.OK);
      assertThat(engine.submitted())
          .extracting(SessionStarted::sessionId)
          .containsExactly("chain-1");
      SourceContext c = context.get();
      assertThat(c.options().values(APPLICATION)).containsExactly("pokt1a", "pokt1b");
      assertThat(c.options().value(NODE)).contains("http://127.0.0.1:26657");
      assertThat(c.eventLoops().isShuttingDown()).isFalse();
    } finally {
      daemon.close();
    }
    assertThat(context.get().eventLoops().isShuttingDown()).isTrue();
  }

  @Test
  void option_withoutItsSource_isRefused() {
    assertThatThrownBy(() -> builder().sourceOption("--chain-rpc", List.of("x")).validate())
        .hasMessage("--chain-rpc: given without its source (expected: --source chain)");
  }

  @Test
  void unknownKind_isRefusedWithEveryKnownKind() {
    assertThatThrownBy(() -> builder().source(SourceSpec.of("kafka")).validate())
        .hasMessage(
            "source: kafka (expected: localnet, webhook, ndjson:PATH or ndjson:-, cometbft, chain)");
  }
}
