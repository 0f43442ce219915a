package dev.fisherman.daemon.cli;

import dev.fisherman.daemon.SourceKinds;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code fisherman} command. */
@Command(
    name = "fisherman",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "QoS sampling daemon for Pocket-style relay networks.",
    subcommands = {
      CommandLine.HelpCommand.class,
      RunCommand.class,
      LocalnetCommand.class,
      QosCommand.class,
      SelectCommand.class,
      ProbeCommand.class,
      GenesisCommand.class,
      HealthCommand.class,
      VerifyExportCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:success",
      "1:runtime failure",
      "2:bad usage or bad genesis",
    })
public final class FishermanCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** The command line with fisherman's exit-code and error-message conventions applied. */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new FishermanCommand());
    RunCommand.addSourceOptions(cl.getSubcommands().get("run").getCommandSpec(), SourceKinds.all());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException ? 2 : 1);
    return cl;
  }

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }
}
