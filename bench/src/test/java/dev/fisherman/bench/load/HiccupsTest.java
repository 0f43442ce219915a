package dev.fisherman.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class HiccupsTest {
  @Test
  void records_oneSamplePerSleep_fromItsStartOnly() throws Exception {
    long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
    Hiccups hiccups = Hiccups.from(start);
    Thread.sleep(50);
    long before = hiccups.late().getTotalCount();
    while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(200)) {
      Thread.sleep(10);
    }
    hiccups.close();
    Histogram late = hiccups.late();

    assertThat(before).isZero();
    // 200 ms of 1 ms sleeps, each at least 1 ms: at most 200 samples, and some were taken.
    assertThat(late.getTotalCount()).isBetween(1L, 200L);
    assertThat(late.getMinValue()).isGreaterThanOrEqualTo(0);
  }
}
