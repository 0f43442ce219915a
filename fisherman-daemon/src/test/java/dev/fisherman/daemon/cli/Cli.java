package dev.fisherman.daemon.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.function.Consumer;
import picocli.CommandLine;

/** Runs the fisherman command line in-process and keeps what it printed. */
final class Cli {
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();
  int exitCode;

  static Cli run(String... args) {
    return run(cl -> {}, args);
  }

  /** Runs after {@code setup} has adjusted the command line (e.g. a subcommand's terminal). */
  static Cli run(Consumer<CommandLine> setup, String... args) {
    Cli cli = new Cli();
    CommandLine cl = FishermanCommand.commandLine();
    setup.accept(cl);
    cl.setOut(new PrintWriter(cli.out, true));
    cl.setErr(new PrintWriter(cli.err, true));
    cli.exitCode = cl.execute(args);
    return cli;
  }

  String out() {
    return out.toString();
  }

  String err() {
    return err.toString();
  }
}
