package dev.fisherman.daemon.cli;

import ch.qos.logback.classic.Level;
import dev.fisherman.core.FishermanBuilder;
import dev.fisherman.core.export.ObservationJournal;
import dev.fisherman.daemon.Daemon;
import dev.fisherman.daemon.SourceKinds;
import dev.fisherman.daemon.source.SourceFactories;
import dev.fisherman.daemon.source.SourceOption;
import dev.fisherman.daemon.source.SourceSpec;
import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.GenesisException;
import dev.fisherman.genesis.GenesisLoader;
import dev.fisherman.genesis.GenesisProblem;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/** {@code fisherman run}: the daemon, until SIGTERM or SIGINT. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Runs the fisherman daemon: probes the servicers of every session its sources report and"
          + " serves the results on the admin port until SIGTERM or SIGINT."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:stopped by SIGTERM or SIGINT",
      "1:runtime failure (e.g. the admin port is in use)",
      "2:bad usage, bad genesis or unsafe admin address"
    })
final class RunCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(
      names = "--genesis",
      required = true,
      paramLabel = "FILE",
      description = "The genesis file (sampling parameters, services, servicers).")
  Path genesisFile;

  @Option(
      names = "--admin",
      paramLabel = "HOST:PORT",
      converter = HostPort.class,
      description =
          "Admin HTTP address (default: 127.0.0.1:8081). A non-loopback address needs"
              + " --admin-token-file.")
  InetSocketAddress admin = Daemon.DEFAULT_ADMIN;

  @Option(
      names = "--source",
      paramLabel = "SOURCE",
      description =
          "Where sessions come from: localnet (default), webhook, ndjson:PATH or ndjson:-"
              + " (standard input). Repeat to combine.")
  List<String> sources = new ArrayList<>();

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "File holding the bearer token (at least 16 characters) that POST /v1/sessions needs.")
  Path tokenFile;

  @Option(
      names = "--export-dir",
      paramLabel = "DIR",
      description =
          "Write every finished session as DIR/<session_id>.ndjson (the report, then one"
              + " observation per line). Off by default.")
  Path exportDir;

  @Option(
      names = "--export-max-files",
      paramLabel = "N",
      description = "Exported sessions kept at most; the oldest are deleted (default: 1000).")
  int exportMaxFiles = 1_000;

  @Option(
      names = "--export-max-bytes",
      paramLabel = "BYTES",
      description =
          "Bytes of exported sessions kept at most; the oldest are deleted (default: 1 GiB).")
  long exportMaxBytes = 1L << 30;

  @Option(
      names = "--observations-kept",
      paramLabel = "N",
      description =
          "Observations of the latest sessions kept in memory for GET"
              + " /v1/sessions/{id}/observations; 0 keeps none (default: 200000).")
  long observationsKept = ObservationJournal.DEFAULT_MAX_OBSERVATIONS;

  @Option(
      names = "--servicer-metrics-limit",
      paramLabel = "N",
      description =
          "Servicers of active sessions with metrics of their own (fisherman_servicer_*) at most;"
              + " 0 turns them off (default: 500).")
  int servicerMetricsLimit = FishermanBuilder.DEFAULT_SERVICER_METRICS_LIMIT;

  @Option(
      names = "--log-format",
      paramLabel = "FORMAT",
      description = "Log lines as text (default) or json.")
  LogFormat logFormat = LogFormat.TEXT;

  @Override
  public Integer call() throws Exception {
    Logging.configure(logFormat, Level.INFO);
    PrintWriter err = spec.commandLine().getErr();
    Optional<Genesis> genesis = loadGenesis(genesisFile, err);
    if (genesis.isEmpty()) {
      return 2;
    }
    Daemon.Builder builder = Daemon.builder(genesis.get()).admin(admin);
    try {
      for (String s : sources) {
        builder.source(parseSource(s));
      }
      addSourceOptionValues(builder);
      if (tokenFile != null) {
        builder.adminToken(readToken(tokenFile));
      }
      if (exportDir != null) {
        builder.export(exportDir, exportMaxBytes, exportMaxFiles);
      }
      builder.servicerMetricsLimit(servicerMetricsLimit);
      builder.observationsKept(observationsKept);
      builder.validate();
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      return 2;
    }
    return runUntilSignal(builder, err);
  }

  /** Starts the daemon, waits for SIGTERM/SIGINT, closes it; 0, or 1 if it could not start. */
  static int runUntilSignal(Daemon.Builder builder, PrintWriter err) throws InterruptedException {
    Daemon[] running = new Daemon[1];
    Shutdown shutdown =
        Shutdown.install(
            () -> {
              Daemon d = running[0];
              if (d != null) {
                d.close();
              }
            });
    Daemon daemon;
    try {
      daemon = builder.start();
    } catch (UncheckedIOException e) {
      err.println(e.getMessage());
      return 1;
    }
    running[0] = daemon;
    shutdown.await();
    daemon.close();
    return 0;
  }

  /** The genesis at {@code file}, or empty after printing every problem to {@code err}. */
  static Optional<Genesis> loadGenesis(Path file, PrintWriter err) {
    try {
      return Optional.of(GenesisLoader.load(file));
    } catch (GenesisException e) {
      for (GenesisProblem p : e.problems()) {
        err.println(p.message());
      }
      return Optional.empty();
    }
  }

  /** Offers every source kind's options ({@code --node-rpc}, ...) on {@code run}. */
  static void addSourceOptions(CommandSpec run, SourceFactories factories) {
    for (SourceOption o : factories.options()) {
      List<String> description = new ArrayList<>();
      description.add(o.description());
      o.defaultValue().ifPresent(d -> description.add("Default: " + d + "."));
      run.addOption(
          OptionSpec.builder(o.name())
              .paramLabel(o.paramLabel())
              .type(List.class)
              .auxiliaryTypes(String.class)
              .arity("1")
              .description(String.join(" ", description))
              .build());
    }
  }

  private void addSourceOptionValues(Daemon.Builder builder) {
    ParseResult parsed = spec.commandLine().getParseResult();
    for (SourceOption o : SourceKinds.all().options()) {
      if (parsed == null || !parsed.hasMatchedOption(o.name())) {
        continue;
      }
      List<String> values = parsed.matchedOptionValue(o.name(), List.of());
      if (!o.repeatable() && values.size() > 1) {
        throw new IllegalArgumentException(
            o.name() + ": given " + values.size() + " times (expected: once)");
      }
      builder.sourceOption(o.name(), values);
    }
  }

  static SourceSpec parseSource(String text) {
    try {
      return SourceKinds.all().parse(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--source: " + e.getMessage(), e);
    }
  }

  static String readToken(Path file) {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "--admin-token-file: " + file + " cannot be read (" + e.getMessage() + ")", e);
    }
    if (token.length() < 16 || token.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException(
          "--admin-token-file: "
              + file
              + " holds "
              + (token.isEmpty() ? "no token" : "a token of " + token.length() + " characters")
              + " (expected: one token of at least 16 characters without spaces)");
    }
    return token;
  }
}
