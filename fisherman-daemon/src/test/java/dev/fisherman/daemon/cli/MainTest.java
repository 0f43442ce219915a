package dev.fisherman.daemon.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.ResourceLeakDetector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;

@Isolated("changes Netty's global leak detection level and a system property")
class MainTest {
  private String property;
  private ResourceLeakDetector.Level level;

  @BeforeEach
  void remember() {
    property = System.getProperty("io.netty.leakDetection.level");
    level = ResourceLeakDetector.getLevel();
  }

  @AfterEach
  void restore() {
    if (property == null) {
      System.clearProperty("io.netty.leakDetection.level");
    } else {
      System.setProperty("io.netty.leakDetection.level", property);
    }
    ResourceLeakDetector.setLevel(level);
  }

  @Test
  void theProcessTurnsLeakDetectionOffWhenNothingAsksForIt() {
    System.clearProperty("io.netty.leakDetection.level");
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);

    Main.leakDetectionOffUnlessAsked();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.DISABLED);
  }

  @Test
  void aLevelAskedForOnTheCommandLineStays() {
    System.setProperty("io.netty.leakDetection.level", "paranoid");
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.PARANOID);

    Main.leakDetectionOffUnlessAsked();

    assertThat(ResourceLeakDetector.getLevel()).isEqualTo(ResourceLeakDetector.Level.PARANOID);
  }
}
