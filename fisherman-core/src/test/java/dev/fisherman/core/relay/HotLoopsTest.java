package dev.fisherman.core.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fisherman.testkit.Poll;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HotLoopsTest {

  @Test
  void heat_keepsTheLoopsHotForTheTimeAsked_thenTheyBlockAgain() throws Exception {
    HotLoops loops = HotLoops.create(2, new DefaultThreadFactory("test-hot", true));
    try {
      assertThat(loops.hot()).isFalse();

      loops.heat(TimeUnit.SECONDS.toNanos(30));
      assertThat(loops.hot()).isTrue();
      // A shorter ask does not cut a longer stretch short.
      loops.heat(TimeUnit.MILLISECONDS.toNanos(1));
      assertThat(loops.hot()).isTrue();
      // Hot loops still run tasks.
      CompletableFuture<String> ran = new CompletableFuture<>();
      loops.next().execute(() -> ran.complete(Thread.currentThread().getName()));
      assertThat(ran.get(5, TimeUnit.SECONDS)).startsWith("test-hot");
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    HotLoops brief = HotLoops.create(1, new DefaultThreadFactory("test-hot", true));
    try {
      brief.heat(TimeUnit.MILLISECONDS.toNanos(20));
      assertThat(brief.hot()).isTrue();
      Poll.until(Duration.ofSeconds(5), () -> !brief.hot());
      CompletableFuture<Boolean> ran = new CompletableFuture<>();
      brief.next().execute(() -> ran.complete(true));
      assertThat(ran.get(5, TimeUnit.SECONDS)).isTrue();
    } finally {
      brief.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void coolThisLoop_endsTheHeatOfTheLoopThatCallsItOnly() throws Exception {
    HotLoops loops = HotLoops.create(2, new DefaultThreadFactory("test-hot", true));
    try {
      // Each loop asks its strategy once it runs: give both a task first.
      for (io.netty.util.concurrent.EventExecutor e : loops) {
        e.submit(() -> {}).sync();
      }
      loops.heat(TimeUnit.SECONDS.toNanos(30));
      HotLoops.coolThisLoop(); // not a loop thread: nothing happens
      assertThat(loops.hot()).isTrue();

      java.util.Iterator<io.netty.util.concurrent.EventExecutor> it = loops.iterator();
      io.netty.util.concurrent.EventExecutor first = it.next();
      io.netty.util.concurrent.EventExecutor second = it.next();
      first.submit(HotLoops::coolThisLoop).sync();
      assertThat(loops.hot()).as("the other loop is still hot").isTrue();
      second.submit(HotLoops::coolThisLoop).sync();
      assertThat(loops.hot()).isFalse();
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void heat_nothingAsked_staysCold() throws Exception {
    HotLoops loops = HotLoops.create(1, new DefaultThreadFactory("test-hot", true));
    try {
      loops.heat(0);
      loops.heat(-5);
      assertThat(loops.hot()).isFalse();
    } finally {
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }
  }

  @Test
  void create_noThreads_isRefused() {
    assertThatThrownBy(() -> HotLoops.create(0, new DefaultThreadFactory("x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("threads: 0 (expected: >= 1)");
  }
}
