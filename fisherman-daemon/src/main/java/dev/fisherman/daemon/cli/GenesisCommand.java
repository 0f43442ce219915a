package dev.fisherman.daemon.cli;

import dev.fisherman.genesis.Genesis;
import dev.fisherman.genesis.GenesisException;
import dev.fisherman.genesis.GenesisLoader;
import dev.fisherman.genesis.GenesisProblem;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code fisherman genesis}: work with genesis files without starting the daemon. */
@Command(
    name = "genesis",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Work with genesis files.",
    subcommands = {GenesisCommand.Validate.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "2:bad usage",
    })
public final class GenesisCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public Integer call() {
    // A bare "fisherman genesis" is incomplete usage: show what it can do, on stderr.
    spec.commandLine().usage(spec.commandLine().getErr());
    return 2;
  }

  /** {@code fisherman genesis validate FILE}: load a genesis file and print every problem. */
  @Command(
      name = "validate",
      mixinStandardHelpOptions = true,
      versionProvider = VersionProvider.class,
      description = {
        "Check a genesis file with the same strict loader the daemon uses.",
        "Prints 'OK: <chain_id>, N services, M servicers', or every problem, one per line, to"
            + " stderr."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {
        "0:the genesis file is valid",
        "2:bad usage or bad genesis",
      })
  static final class Validate implements Callable<Integer> {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "The genesis file (JSON) to check.")
    Path file;

    @Override
    public Integer call() {
      Genesis genesis;
      try {
        genesis = GenesisLoader.load(file);
      } catch (GenesisException e) {
        PrintWriter err = spec.commandLine().getErr();
        for (GenesisProblem problem : e.problems()) {
          err.println(problem.message());
        }
        err.flush();
        return 2;
      }
      PrintWriter out = spec.commandLine().getOut();
      out.println(
          "OK: "
              + genesis.chainId()
              + ", "
              + count(genesis.services().size(), "service")
              + ", "
              + count(genesis.servicers().size(), "servicer"));
      out.flush();
      return 0;
    }

    private static String count(int n, String noun) {
      return n + " " + noun + (n == 1 ? "" : "s");
    }
  }
}
