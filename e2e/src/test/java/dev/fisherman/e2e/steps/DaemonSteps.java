package dev.fisherman.e2e.steps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.e2e.harness.DaemonProcess;
import dev.fisherman.e2e.harness.FishermanDaemon;
import dev.fisherman.e2e.harness.GenesisFile;
import dev.fisherman.e2e.harness.SessionEvent;
import dev.fisherman.sim.Behaviour;
import dev.fisherman.testkit.Poll;
import io.cucumber.java.en.Given;
import io.cucumber.java.en.Then;
import io.cucumber.java.en.When;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Daemons a scenario starts itself: own genesis, a followed session file, bad starts, SIGTERM. */
public final class DaemonSteps {

  /** How long a daemon that must refuse to start may take to exit. */
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(15);

  /** What picocli prints when it did not understand the command line at all. */
  private static final String USAGE = "Usage: fisherman";

  private static final Pattern ACCOUNTING =
      Pattern.compile(
          "planned\\W{0,3}(\\d+).*?recorded\\W{0,3}(\\d+).*?cancelled\\W{0,3}(\\d+)",
          Pattern.CASE_INSENSITIVE);

  private final World world;
  private Path genesis;
  private Path sessionFile;

  public DaemonSteps(World world) {
    this.world = world;
  }

  @Given("a daemon of its own taking sessions on its webhook")
  public void ownWebhookDaemon() {
    world.ownDaemon(FishermanDaemon.start(GenesisFile.shortSessions(), "webhook"));
  }

  @Given("a daemon of its own whose genesis plans {int} probes per session")
  public void ownDaemonWithProbes(int probes) {
    world.ownDaemon(
        FishermanDaemon.start(GenesisFile.shortSessions().withProbesPerSession(probes), "webhook"));
  }

  @Given(
      "a daemon of its own whose reputation times out for {word} after unavailability, {word}"
          + " after integrity failures, with {int} probation probes")
  public void ownDaemonWithReputation(String timeout, String integrityTimeout, int probation) {
    String reputation =
        "{\"timeout\": \""
            + timeout
            + "\", \"integrity_timeout\": \""
            + integrityTimeout
            + "\", \"probation_probes\": "
            + probation
            + "}";
    world.ownDaemon(
        FishermanDaemon.start(GenesisFile.shortSessions().withReputation(reputation), "webhook"));
  }

  @Given(
      "a daemon of its own for an EVM service with an integrity round every second round, whose"
          + " reputation times out for {word} after unavailability, {word} after integrity"
          + " failures, with {int} probation probes")
  public void ownEvmDaemonWithReputation(String timeout, String integrityTimeout, int probation) {
    String services =
        "[ { \"id\": \"eth\", \"kind\": \"evm\", \"chain_id\": \""
            + Behaviour.DEFAULT_CHAIN_ID
            + "\" } ]";
    // The asked block is 2 to 10 below the agreed head: every simulated servicer has it.
    String checks =
        """
        "checks": {
              "sync": { "min_agreeing": 2, "allowance": 5 },
              "integrity": { "every": 2, "offset": [2, 10], "quorum": 0.5 }
            }""";
    String reputation =
        "{\"timeout\": \""
            + timeout
            + "\", \"integrity_timeout\": \""
            + integrityTimeout
            + "\", \"probation_probes\": "
            + probation
            + "}";
    world.ownDaemon(
        FishermanDaemon.start(
            GenesisFile.shortSessions().withServices(services, checks).withReputation(reputation),
            "webhook"));
  }

  @Given("a daemon of its own following the session file {string}")
  public void ownNdjsonDaemon(String file) {
    FishermanDaemon daemon = FishermanDaemon.start(GenesisFile.shortSessions(), "ndjson:" + file);
    world.ownDaemon(daemon);
    sessionFile = daemon.dir().resolve(file);
  }

  @When("a line for session {string} with servicer {string} is appended to the session file")
  public void appendSession(String name, String servicer) throws IOException {
    SessionEvent event =
        SessionEvent.named(name, World.SESSION).with(servicer, world.servicer(servicer).url());
    append(event.json() + "\n");
    world.session(name, event);
  }

  @When("a line that is not JSON is appended to the session file")
  public void appendGarbage() throws IOException {
    append("{\"session_id\": this is not json\n");
  }

  @When("the daemon has taken session {string}")
  public void hasTaken(String name) {
    world
        .admin()
        .await(
            world.session(name).sessionId(),
            "session " + name + " to appear",
            Duration.ofSeconds(5),
            s -> true);
  }

  @Then("the daemon log names line {int} of the session file")
  public void logNamesLine(int line) {
    Pattern named = Pattern.compile("\\bline\\W{0,2}" + line + "\\b");
    String found =
        Poll.until(
            "the daemon log to name line " + line + " of the session file",
            Duration.ofSeconds(5),
            () ->
                world
                    .daemon()
                    .process()
                    .log()
                    .lines()
                    .filter(l -> named.matcher(l).find())
                    .findFirst());
    assertThat(found).as("the daemon's log line about the bad input").isNotBlank();
  }

  @Then("the daemon lists exactly the sessions {string} and {string}")
  public void listsExactly(String first, String second) {
    assertThat(world.admin().get("/v1/sessions").json().findValuesAsText("session_id"))
        .as("sessions listed by GET /v1/sessions")
        .containsExactlyInAnyOrder(
            world.session(first).sessionId(), world.session(second).sessionId());
  }

  @Given("a valid genesis")
  public void validGenesis() throws IOException {
    genesis = GenesisFile.shortSessions().writeTo(dir());
  }

  @Given("a genesis whose relay_timeout is {string}")
  public void genesisWithRelayTimeout(String relayTimeout) throws IOException {
    genesis = GenesisFile.shortSessions().withRelayTimeout(relayTimeout).writeTo(dir());
  }

  @Given("a genesis path where no file exists")
  public void missingGenesis() throws IOException {
    genesis = dir().resolve("no-such-genesis.json");
  }

  @When("the daemon starts with its admin port on {word}")
  public void daemonStarts(String host) {
    int port = DaemonProcess.freePort();
    world.process =
        DaemonProcess.exec(
            world.dir,
            URI.create("http://127.0.0.1:" + port),
            List.of(
                "run",
                "--genesis",
                genesis.toString(),
                "--admin",
                host + ":" + port,
                "--source",
                "webhook"));
  }

  @When("the daemon gets SIGTERM")
  public void sigterm() {
    DaemonProcess daemon = world.daemon().process();
    world.process = daemon;
    long sent = System.nanoTime();
    daemon.terminate();
    world.exitCode = daemon.awaitExit(EXIT_TIMEOUT);
    world.exitTook = Duration.ofNanos(System.nanoTime() - sent);
  }

  @Then("the daemon exits with code {int}")
  public void exitsWith(int code) {
    DaemonProcess daemon = world.process;
    if (world.exitCode.isEmpty()) {
      world.exitCode = daemon.awaitExit(EXIT_TIMEOUT);
    }
    OptionalInt exit = world.exitCode;
    assertThat(exit).as("exit code of the daemon\n%s", daemon.describe()).hasValue(code);
  }

  @Then("it took at most {int} seconds from the signal to the exit")
  public void tookAtMost(int seconds) {
    assertThat(world.exitTook)
        .as("time from SIGTERM to the daemon's exit")
        .isLessThanOrEqualTo(Duration.ofSeconds(seconds));
  }

  @Then("the daemon log has the line:")
  public void logHasLine(String line) {
    // <line>:<column> stands for the place in the file, whatever it is.
    String regex =
        "(?m)^" + Pattern.quote(line.strip()).replace("<line>:<column>", "\\E\\d+:\\d+\\Q") + "$";
    assertThat(world.process.log()).as("the daemon's log").containsPattern(regex);
  }

  @Then("the daemon log mentions {string}")
  public void logMentions(String text) {
    assertThat(world.process.log()).as("the daemon's log").containsIgnoringCase(text);
  }

  @Then("the daemon log does not mention {string}")
  public void logDoesNotMention(String text) {
    assertThat(world.process.log()).as("the daemon's log").doesNotContain(text);
  }

  @Then("the daemon log names the genesis path")
  public void logNamesGenesis() {
    assertThat(world.process.log()).as("the daemon's log").contains(genesis.toString());
  }

  @Then("the daemon log shows no stack trace and no usage text")
  public void noStackTraceNoUsage() {
    assertThat(world.process.log())
        .as("the daemon's log: no stack trace for a user's mistake")
        .doesNotContain("\tat ")
        .as("the daemon's log: no usage text for a valid command line")
        .doesNotContain(USAGE);
  }

  @Then("the daemon log accounts for every probe: planned = recorded + cancelled")
  public void logAccounts() {
    Matcher accounting = accounting();
    long planned = Long.parseLong(accounting.group(1));
    long recorded = Long.parseLong(accounting.group(2));
    long cancelled = Long.parseLong(accounting.group(3));
    assertThat(planned)
        .as("planned = recorded + cancelled in the daemon's log line \"%s\"", accounting.group())
        .isEqualTo(recorded + cancelled)
        .isPositive();
  }

  @Then("the daemon log reports at least {int} recorded probes")
  public void logRecorded(int count) {
    assertThat(Long.parseLong(accounting().group(2)))
        .as("probes recorded before the stop")
        .isGreaterThanOrEqualTo(count);
  }

  @Then("the daemon's log file {string} is in its directory")
  public void logFile(String name) {
    assertThat(Files.exists(world.daemon().dir().resolve(name)))
        .as("%s in the daemon's directory %s", name, world.daemon().dir())
        .isTrue();
  }

  private Matcher accounting() {
    String log = world.process.log();
    Matcher accounting = ACCOUNTING.matcher(log);
    assertThat(accounting.find())
        .as("the daemon's log reports planned, recorded and cancelled probes:\n%s", log)
        .isTrue();
    return accounting;
  }

  private Path dir() throws IOException {
    if (world.dir == null) {
      world.dir = Files.createTempDirectory("fisherman-e2e-");
    }
    return world.dir;
  }

  private void append(String text) throws IOException {
    Files.writeString(sessionFile, text, StandardOpenOption.APPEND);
  }
}
