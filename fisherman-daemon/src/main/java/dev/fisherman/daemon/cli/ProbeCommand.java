package dev.fisherman.daemon.cli;

import ch.qos.logback.classic.Level;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.relay.RelayClient;
import dev.fisherman.core.relay.RelayClientConfig;
import dev.fisherman.core.relay.RelayRequest;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.Service;
import dev.fisherman.genesis.input.ServicerUrl;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fisherman probe URL}: one relay to one servicer, its outcome and phase timings. */
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Sends one relay of a genesis service to URL, the way the daemon probes, and prints the"
          + " outcome and the phase timings."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:outcome ok", "1:any other outcome", "2:bad usage or bad genesis"})
final class ProbeCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "URL", description = "The servicer's URL, e.g. http://127.0.0.1:9101.")
  String url;

  @Option(
      names = "--service",
      paramLabel = "ID",
      description = "The genesis service whose relay to send (default: the first one).")
  String serviceId;

  @Option(
      names = "--genesis",
      paramLabel = "FILE",
      description = "Genesis file for the services and timeouts (default: the localnet genesis).")
  Path genesisFile;

  @Override
  public Integer call() throws Exception {
    Logging.configure(LogFormat.TEXT, Level.WARN);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    URI target;
    try {
      target = ServicerUrl.parse(url);
    } catch (IllegalArgumentException e) {
      err.println("URL: " + e.getMessage());
      return 2;
    }
    Optional<Genesis> genesis = LocalnetCommand.loadGenesis(genesisFile, err);
    if (genesis.isEmpty()) {
      return 2;
    }
    Optional<Service> service =
        serviceId == null
            ? genesis.get().services().stream().findFirst()
            : genesis.get().service(serviceId);
    if (service.isEmpty()) {
      err.println(
          "--service: \""
              + serviceId
              + "\" (expected: a service genesis defines: "
              + genesis.get().services().stream().map(Service::id).collect(Collectors.joining(", "))
              + ")");
      return 2;
    }

    EventLoopGroup group =
        new MultiThreadIoEventLoopGroup(
            1, new DefaultThreadFactory("fisherman-probe", true), NioIoHandler.newFactory());
    try (RelayClient client =
        RelayClient.create(group, RelayClientConfig.from(genesis.get().qos()))) {
      long id = new SecureRandom().nextLong(1, Long.MAX_VALUE);
      Observation o =
          client
              .probe(target, RelayRequest.of(service.get(), id))
              .get(genesis.get().qos().relayTimeout().toMillis() + 5_000, TimeUnit.MILLISECONDS);
      out.printf(Locale.ROOT, "probe %s (service %s)%n", target, service.get().id());
      out.printf(Locale.ROOT, "  outcome      %s%n", o.outcome().wireName());
      o.httpStatus().ifPresent(s -> out.printf(Locale.ROOT, "  http status  %d%n", s));
      o.rpcErrorCode().ifPresent(c -> out.printf(Locale.ROOT, "  rpc error    %d%n", c));
      out.printf(Locale.ROOT, "  connect      %s%n", ms(o.connectNanos()));
      out.printf(Locale.ROOT, "  first byte   %s%n", ms(o.firstByteNanos()));
      out.printf(Locale.ROOT, "  total        %s%n", ms(OptionalLong.of(o.totalNanos())));
      o.blockHeight().ifPresent(h -> out.printf(Locale.ROOT, "  block height %d%n", h));
      if (!o.detail().isEmpty()) {
        out.printf(Locale.ROOT, "  detail       %s%n", o.detail());
      }
      out.flush();
      return o.outcome() == Outcome.OK ? 0 : 1;
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3_000);
    }
  }

  private static String ms(OptionalLong nanos) {
    return nanos.isPresent() ? String.format(Locale.ROOT, "%.3f ms", nanos.getAsLong() / 1e6) : "-";
  }
}
