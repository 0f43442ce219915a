package dev.fisherman.e2e.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployment kit in docs/deploy says what operations.md promises: the pod runs fisherman as a
 * non-root sidecar with a read-only root, probes on the admin port and resource bounds; the systemd
 * unit is hardened and passes {@code systemd-analyze verify} where that tool exists.
 */
class DeployKitTest {
  private static final Path DEPLOY = Path.of("..", "docs", "deploy");

  @TempDir Path dir;

  private static JsonNode pod() throws IOException {
    return new ObjectMapper(new YAMLFactory())
        .readTree(Files.readString(DEPLOY.resolve("fisherman-sidecar.yaml")));
  }

  private static JsonNode container(JsonNode pod, String name) {
    for (JsonNode c : pod.path("spec").path("containers")) {
      if (c.path("name").asText().equals(name)) {
        return c;
      }
    }
    throw new AssertionError("no container " + name + " in " + pod);
  }

  private static List<String> args(JsonNode container) {
    List<String> out = new ArrayList<>();
    container.path("args").forEach(a -> out.add(a.asText()));
    return out;
  }

  @Test
  void pod_runsFishermanAsANonRootReadOnlySidecarOfTheNode() throws IOException {
    JsonNode pod = pod();
    assertThat(pod.path("kind").asText()).isEqualTo("Pod");
    JsonNode node = container(pod, "poktroll");
    assertThat(node.path("ports").findValues("containerPort"))
        .extracting(JsonNode::asInt)
        .contains(26657, 1317);
    JsonNode fisherman = container(pod, "fisherman");
    JsonNode security = fisherman.path("securityContext");
    assertThat(security.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(security.path("runAsUser").asInt()).isPositive();
    assertThat(security.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(security.path("allowPrivilegeEscalation").asBoolean(true)).isFalse();
    assertThat(security.path("capabilities").path("drop").get(0).asText()).isEqualTo("ALL");
    List<String> args = args(fisherman);
    assertThat(args).startsWith("run");
    assertThat(String.join(" ", args))
        .contains("--source cometbft")
        .contains("--node-rpc http://127.0.0.1:26657")
        .contains("--node-api http://127.0.0.1:1317")
        .contains("--application pokt1")
        // A non-loopback admin address needs a token for writes; the daemon refuses it otherwise.
        .contains("--admin 0.0.0.0:8081")
        .contains("--admin-token-file ");
  }

  @Test
  void pod_probesTheAdminPortAndBoundsResources() throws IOException {
    JsonNode fisherman = container(pod(), "fisherman");
    assertThat(fisherman.path("ports").get(0).path("containerPort").asInt()).isEqualTo(8081);
    assertThat(fisherman.path("livenessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/healthz");
    assertThat(fisherman.path("readinessProbe").path("httpGet").path("path").asText())
        .isEqualTo("/readyz");
    JsonNode resources = fisherman.path("resources");
    assertThat(resources.path("requests").path("memory").asText()).isNotEmpty();
    assertThat(resources.path("limits").path("memory").asText()).isNotEmpty();
    assertThat(resources.path("limits").path("cpu").asText()).isNotEmpty();
    assertThat(fisherman.path("env").findValuesAsText("value"))
        .anyMatch(v -> v.contains("-XX:+ExitOnOutOfMemoryError"));
  }

  /** The unit's settings, last one of each key winning as systemd reads them. */
  private static Map<String, String> unit() throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : Files.readAllLines(DEPLOY.resolve("fisherman.service"))) {
      String l = line.strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith("[")) {
        continue;
      }
      int eq = l.indexOf('=');
      assertThat(eq).as("a Key=value line: %s", l).isPositive();
      out.put(l.substring(0, eq), l.substring(eq + 1));
    }
    return out;
  }

  @Test
  void systemdUnit_isHardened() throws IOException {
    Map<String, String> unit = unit();
    assertThat(unit)
        .containsEntry("DynamicUser", "yes")
        .containsEntry("ProtectSystem", "strict")
        .containsEntry("NoNewPrivileges", "yes")
        .containsEntry("ProtectHome", "yes")
        .containsEntry("PrivateTmp", "yes")
        .containsEntry("CapabilityBoundingSet", "");
    assertThat(unit.get("MemoryMax")).matches("\\d+[KMG]");
    assertThat(unit.get("ExecStart"))
        .contains("-XX:+ExitOnOutOfMemoryError")
        .contains(" run ")
        .contains("--source cometbft");
  }

  @Test
  void systemdUnit_passesSystemdAnalyzeVerify() throws Exception {
    Path analyze = Path.of("/usr/bin/systemd-analyze");
    Assumptions.assumeTrue(Files.isExecutable(analyze), "systemd-analyze is not installed");
    // The unit names /usr/bin/java; verify checks that the binary exists, so point it at this JDK.
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String text =
        Files.readString(DEPLOY.resolve("fisherman.service"))
            .replace("ExecStart=/usr/bin/java ", "ExecStart=" + java + " ");
    Path copy = Files.writeString(dir.resolve("fisherman.service"), text);
    Process p =
        new ProcessBuilder(analyze.toString(), "verify", copy.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    // Lines about the host's own units (e.g. in a container without systemd running) are not ours.
    List<String> ours = out.lines().filter(l -> l.contains("fisherman.service")).toList();
    assertThat(ours).as("systemd-analyze verify:%n%s", out).isEmpty();
  }
}
