package dev.fisherman.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.core.time.FishermanClock;
import dev.fisherman.testkit.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RoundSchedulerTest {

  private static RoundScheduler.Task task(List<String> log, String name, CountDownLatch done) {
    return new RoundScheduler.Task() {
      @Override
      void run() {
        log.add(name + (System.nanoTime() - deadline >= 0 ? "" : " early"));
        done.countDown();
      }
    };
  }

  @Test
  void schedule_runsTasksInDeadlineOrderNeverEarly() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    try (RoundScheduler scheduler = new RoundScheduler("test-rounds", FishermanClock.system())) {
      long now = System.nanoTime();
      scheduler.schedule(task(log, "c", done), now + TimeUnit.MILLISECONDS.toNanos(60));
      scheduler.schedule(task(log, "a", done), now + TimeUnit.MILLISECONDS.toNanos(20));
      scheduler.schedule(task(log, "b", done), now + TimeUnit.MILLISECONDS.toNanos(40));

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(log).containsExactly("a", "b", "c");
  }

  @Test
  void heat_runsAheadOfEachRun_noEarlierThanHeatNanosBeforeTheDeadline() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    try (RoundScheduler scheduler = new RoundScheduler("test-rounds", FishermanClock.system())) {
      RoundScheduler.Task task =
          new RoundScheduler.Task() {
            int runs;

            @Override
            void heat() {
              long ahead = deadline - System.nanoTime();
              log.add(ahead <= RoundScheduler.HEAT_NANOS ? "heat" : "heat too early");
            }

            @Override
            void run() {
              log.add("run");
              done.countDown();
              if (++runs < 3) {
                // Rescheduled from inside run(): heated again before its next run.
                scheduler.schedule(this, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));
              }
            }
          };
      scheduler.schedule(task, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20));

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
    // A scheduler thread that wakes later than the deadline itself (a very loaded machine) runs the
    // task without heat; otherwise every run is heated, and never too early.
    assertThat(log).doesNotContain("heat too early").contains("heat");
    assertThat(String.join(",", log).replace("heat,run", "R").replace("run", "R"))
        .isEqualTo("R,R,R");
  }

  @Test
  void heat_aTaskAlreadyDue_runsWithoutHeat() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (RoundScheduler scheduler = new RoundScheduler("test-rounds", FishermanClock.system())) {
      scheduler.schedule(
          new RoundScheduler.Task() {
            @Override
            void heat() {
              log.add("heat");
            }

            @Override
            void run() {
              log.add("run");
              done.countDown();
            }
          },
          System.nanoTime() - TimeUnit.MILLISECONDS.toNanos(1));

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(log).containsExactly("run");
  }

  @Test
  void shutdown_returnsTheTasksThatNeverRan_andRefusesNewOnes() {
    List<String> log = new CopyOnWriteArrayList<>();
    RoundScheduler scheduler = new RoundScheduler("test-rounds", FishermanClock.system());
    RoundScheduler.Task later = task(log, "later", new CountDownLatch(1));
    scheduler.schedule(later, System.nanoTime() + TimeUnit.HOURS.toNanos(1));

    List<RoundScheduler.Task> left = scheduler.shutdown();

    assertThat(left).containsExactly(later);
    assertThat(scheduler.schedule(task(log, "x", new CountDownLatch(1)), System.nanoTime()))
        .isFalse();
    assertThat(log).isEmpty();
  }

  @Test
  void aFailingTask_doesNotStopTheOthers() throws Exception {
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(1);
    try (RoundScheduler scheduler = new RoundScheduler("test-rounds", FishermanClock.system())) {
      long now = System.nanoTime();
      scheduler.schedule(
          new RoundScheduler.Task() {
            @Override
            void run() {
              throw new IllegalStateException("boom");
            }
          },
          now);
      scheduler.schedule(task(log, "after", done), now + TimeUnit.MILLISECONDS.toNanos(5));

      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(log).containsExactly("after");
  }

  @Test
  void manualClock_tasksRunWhenTheClockReachesThem_inDeadlineOrder() throws Exception {
    ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    List<String> log = new CopyOnWriteArrayList<>();
    CountDownLatch first = new CountDownLatch(1);
    CountDownLatch both = new CountDownLatch(2);
    try (RoundScheduler scheduler =
        new RoundScheduler("test-rounds", FishermanClock.of(clock, clock))) {
      scheduler.schedule(
          new RoundScheduler.Task() {
            @Override
            void run() {
              log.add("b at " + clock.nanoTime());
              both.countDown();
            }
          },
          TimeUnit.HOURS.toNanos(2));
      scheduler.schedule(
          new RoundScheduler.Task() {
            @Override
            void run() {
              log.add("a at " + clock.nanoTime());
              first.countDown();
              both.countDown();
            }
          },
          TimeUnit.HOURS.toNanos(1));

      clock.advance(Duration.ofHours(1));
      assertThat(first.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(log).containsExactly("a at " + TimeUnit.HOURS.toNanos(1));

      clock.advance(Duration.ofHours(1));
      assertThat(both.await(5, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(log)
        .containsExactly("a at " + TimeUnit.HOURS.toNanos(1), "b at " + TimeUnit.HOURS.toNanos(2));
  }
}
