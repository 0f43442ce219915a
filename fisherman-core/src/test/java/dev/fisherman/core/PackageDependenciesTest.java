package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.probe.Observation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The value packages do not depend on the transport. Checked on the compiled classes: every class a
 * class file refers to is named in its constant pool (as {@code dev/fisherman/core/relay/X}, also
 * inside descriptors), so a reference cannot hide from a search of the class file's bytes.
 */
class PackageDependenciesTest {
  private static final List<String> VALUE_PACKAGES =
      List.of("probe", "qos", "store", "check", "session", "sampling", "time", "envelope");

  private static Path classes() throws URISyntaxException {
    return Path.of(Observation.class.getProtectionDomain().getCodeSource().getLocation().toURI())
        .resolve("dev/fisherman/core");
  }

  private static String constantPool(Path classFile) {
    try {
      return new String(Files.readAllBytes(classFile), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Class files of {@code pkg} that name {@code forbidden}, by file name. */
  private static Map<String, Boolean> refersTo(String pkg, String forbidden) throws Exception {
    Map<String, Boolean> out = new TreeMap<>();
    try (Stream<Path> files = Files.list(classes().resolve(pkg))) {
      files
          .filter(f -> f.toString().endsWith(".class"))
          .forEach(f -> out.put(pkg + "/" + f.getFileName(), constantPool(f).contains(forbidden)));
    }
    return out;
  }

  @Test
  void valuePackages_doNotReferToTheRelayPackageOrNetty() throws Exception {
    for (String pkg : VALUE_PACKAGES) {
      Map<String, Boolean> relay = refersTo(pkg, "dev/fisherman/core/relay/");
      Map<String, Boolean> netty = refersTo(pkg, "io/netty/");

      assertThat(relay).as("classes of core.%s", pkg).isNotEmpty().doesNotContainValue(true);
      assertThat(netty).as("classes of core.%s", pkg).doesNotContainValue(true);
    }
  }

  @Test
  void theScan_seesReferences() throws Exception {
    // The same search finds what the relay package does refer to, so the test above can fail.
    assertThat(refersTo("relay", "io/netty/")).containsEntry("relay/Exchange.class", true);
    assertThat(refersTo("relay", "dev/fisherman/core/probe/"))
        .containsEntry("relay/Exchange.class", true);
  }
}
