package dev.fisherman.bench.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A process the harness started and stops: a line channel on its stdin/stdout, and its CPU. */
final class ChildProcess implements AutoCloseable {
  private final Process process;
  private final BufferedReader out;
  private final Writer in;

  private ChildProcess(Process process) {
    this.process = process;
    this.out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
  }

  /** Starts {@code command}; stderr goes to {@code log}. */
  static ChildProcess start(List<String> command, Path log) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new ChildProcess(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /**
   * Starts {@code command} with stdout and stderr both appended to {@code log}; for processes the
   * harness only watches from outside (an unread stdout pipe would block them once it fills).
   */
  static ChildProcess startLogged(List<String> command, Path log) {
    try {
      ProcessBuilder pb = new ProcessBuilder(command);
      pb.redirectErrorStream(true);
      pb.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return new ChildProcess(pb.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
  }

  /** A command line that runs {@code BenchMain <mode> args} in a fresh JVM on this classpath. */
  static List<String> javaSelf(List<String> jvmArgs, String mode, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    cmd.addAll(jvmArgs);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.fisherman.bench.BenchMain");
    cmd.add(mode);
    cmd.addAll(List.of(args));
    return cmd;
  }

  long pid() {
    return process.pid();
  }

  Process process() {
    return process;
  }

  /** Reads one line of the child's stdout. */
  String readLine() {
    try {
      String line = out.readLine();
      if (line == null) {
        throw new IllegalStateException("child " + pid() + " closed its output");
      }
      return line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends one command line and reads the one-line answer. */
  String ask(String command) {
    try {
      in.write(command + "\n");
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return readLine();
  }

  /** CPU time (user + system) the process has used so far. */
  Duration cpu() {
    return Cpu.of(process.pid());
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      // The child may already be gone; destroying it below is what matters.
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
