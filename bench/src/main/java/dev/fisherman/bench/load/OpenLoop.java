package dev.fisherman.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpRequestEncoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * An open-loop HTTP load generator: requests are due at a fixed rate whether or not earlier ones
 * have been answered, go out on the first idle keep-alive connection, and their latency counts from
 * the instant they were due, so a slow server cannot slow the generator down and hide its own
 * stalls (no coordinated omission).
 *
 * <p>It shares the cores with what it measures, so it is kept lean: two threads and no task
 * hand-offs. The calling thread sleeps until each due instant and writes the request's bytes
 * (encoded once) straight to an idle connection's socket; a reader thread blocks in {@code
 * select()}, woken only by answers, parses them and times them. A request due while every
 * connection is busy waits in a queue, and the reader sends it on the connection it frees. Neither
 * thread wakes the other, and nothing is allocated per request unless the caller reads bodies.
 */
final class OpenLoop {
  /**
   * @param latency nanoseconds from the due instant to the whole response
   * @param due requests that fell due
   * @param answered responses with any status
   * @param failed responses with a non-2xx status, or connections that broke
   */
  record Result(Histogram latency, long due, long answered, long failed) {}

  private final InetSocketAddress target;
  private final int connections;
  private final Supplier<FullHttpRequest> request;
  private final Consumer<String> body;

  /**
   * @param body receives each 2xx response body as text, on the generator's reader thread; pass
   *     {@code null} to skip decoding
   */
  OpenLoop(
      InetSocketAddress target,
      int connections,
      Supplier<FullHttpRequest> request,
      Consumer<String> body) {
    this.target = target;
    this.connections = connections;
    this.request = request;
    this.body = body;
  }

  /** Sends {@code rate} requests per second for {@code length}, then waits for the answers. */
  Result run(double rate, Duration length) throws InterruptedException {
    return run(rate, Duration.ZERO, length);
  }

  /**
   * Sends {@code rate} requests per second for {@code warm} and then {@code measured} on the same
   * connections, and counts only the requests due in {@code measured}: the path stays warm and
   * connected from one to the other, as a client that calls for hours keeps it.
   */
  Result run(double rate, Duration warm, Duration measured) throws InterruptedException {
    // The generator's own collections would count as the server's latency: start with a clean
    // heap (earlier scenarios of the same bench run leave garbage behind).
    System.gc();
    byte[] wire = encode(request.get());
    List<Conn> conns = new ArrayList<>();
    try (Selector selector = Selector.open()) {
      State state = new State(wire);
      for (int i = 0; i < connections; i++) {
        SocketChannel ch = SocketChannel.open(target);
        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
        ch.configureBlocking(false);
        Conn c = new Conn(ch, body != null);
        ch.register(selector, SelectionKey.OP_READ, c);
        conns.add(c);
        state.idle.add(c);
        state.open++;
      }
      Reader reader = new Reader(selector, state);
      Thread readerThread = new Thread(reader, "open-loop-reader");
      readerThread.setDaemon(true);
      readerThread.start();

      long period = (long) (1e9 / rate);
      long skip = (long) (rate * warm.toNanos() / 1e9);
      long count = (long) (rate * measured.toNanos() / 1e9);
      long start = System.nanoTime() + 1_000_000;
      state.countFrom = start + skip * period;
      for (long i = 0; i < skip + count; i++) {
        long due = start + i * period;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          LockSupport.parkNanos(wait);
        }
        state.due(due);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < deadline && !state.settled()) {
        Thread.sleep(10);
      }
      reader.stop = true;
      selector.wakeup();
      readerThread.join(TimeUnit.SECONDS.toMillis(5));
      synchronized (state) {
        return new Result(state.latency.copy(), count, state.answered, state.failed);
      }
    } catch (IOException e) {
      throw new IllegalStateException("open loop to " + target + ": " + e.getMessage(), e);
    } finally {
      for (Conn c : conns) {
        try {
          c.channel.close();
        } catch (IOException ignored) {
          // closing at the end of a run; nothing is waiting on it
        }
      }
    }
  }

  /**
   * The request's bytes, encoded once: every request of a run is the same, and encoding each anew
   * would spend the generator's CPU, on the cores the measured server shares, on work that tells
   * nothing.
   */
  private static byte[] encode(FullHttpRequest request) {
    EmbeddedChannel encoder = new EmbeddedChannel(new HttpRequestEncoder());
    encoder.writeOutbound(request);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (ByteBuf part; (part = encoder.readOutbound()) != null; ) {
      byte[] b = new byte[part.readableBytes()];
      part.readBytes(b);
      out.writeBytes(b);
      part.release();
    }
    encoder.finishAndReleaseAll();
    return out.toByteArray();
  }

  /** Requests waiting for a connection and connections waiting for a request, under its lock. */
  private static final class State {
    final ByteBuffer wire;
    final ArrayDeque<Conn> idle = new ArrayDeque<>();
    private long[] pending = new long[1024];
    private int head;
    private int size;
    int open;
    // Touched by the reader thread only until the run ends.
    final Histogram latency = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    long answered;
    long failed;
    // Requests due before this instant warm the path and are not counted.
    volatile long countFrom;

    State(byte[] wire) {
      this.wire = ByteBuffer.wrap(wire).asReadOnlyBuffer();
    }

    /** A request fell due: it goes out now on an idle connection, or waits for one. */
    void due(long due) {
      Conn c;
      synchronized (this) {
        c = idle.poll();
        if (c == null) {
          push(due);
          return;
        }
      }
      send(c, due);
    }

    /** A connection finished its answer: it takes the oldest waiting request, or goes idle. */
    void freed(Conn c) {
      long due;
      synchronized (this) {
        if (size == 0) {
          idle.add(c);
          return;
        }
        due = pending[head];
        head = (head + 1) % pending.length;
        size--;
      }
      send(c, due);
    }

    synchronized void broke(Conn c) {
      idle.remove(c);
      open--;
    }

    synchronized boolean settled() {
      return size == 0 && idle.size() == open;
    }

    private void push(long due) {
      if (size == pending.length) {
        long[] grown = new long[pending.length * 2];
        for (int i = 0; i < size; i++) {
          grown[i] = pending[(head + i) % pending.length];
        }
        pending = grown;
        head = 0;
      }
      pending[(head + size) % pending.length] = due;
      size++;
    }

    /** Writes the request on a connection this thread now owns until its answer is read. */
    private void send(Conn c, long due) {
      c.due = due;
      c.inFlight = true;
      ByteBuffer out = wire.duplicate();
      try {
        while (out.hasRemaining()) {
          if (c.channel.write(out) == 0) {
            Thread.onSpinWait();
          }
        }
      } catch (IOException e) {
        // The reader sees the broken connection and counts the request as failed.
      }
    }
  }

  /** One keep-alive connection and the answer being parsed on it. */
  private static final class Conn {
    final SocketChannel channel;
    final boolean keepBody;
    final ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
    volatile long due;
    volatile boolean inFlight;
    // Parser state, reader thread only.
    boolean inHead = true;
    int status;
    long remaining; // body bytes (or bytes of the current chunk) still to come
    boolean chunked;
    int chunkPhase; // 0 size line, 1 data, 2 CRLF after data, 3 trailers
    final StringBuilder line = new StringBuilder();
    java.io.ByteArrayOutputStream bodyBytes;

    Conn(SocketChannel channel, boolean keepBody) {
      this.channel = channel;
      this.keepBody = keepBody;
    }

    /** The next whole line in {@code in} without its CRLF, or null when it has not all come. */
    String line(ByteBuffer in) {
      while (in.hasRemaining()) {
        char ch = (char) (in.get() & 0xff);
        if (ch == '\n') {
          String l = line.toString();
          line.setLength(0);
          return l;
        }
        if (ch != '\r') {
          line.append(ch);
        }
      }
      return null;
    }

    void reset() {
      inFlight = false;
      inHead = true;
      status = 0;
      remaining = 0;
      chunked = false;
      chunkPhase = 0;
      line.setLength(0);
      bodyBytes = null;
    }
  }

  /** The reader thread: parses answers, times them and hands each freed connection back. */
  private final class Reader implements Runnable {
    final Selector selector;
    final State state;
    volatile boolean stop;

    Reader(Selector selector, State state) {
      this.selector = selector;
      this.state = state;
    }

    @Override
    public void run() {
      try {
        while (!stop) {
          selector.select();
          var keys = selector.selectedKeys();
          for (SelectionKey key : keys) {
            Conn c = (Conn) key.attachment();
            if (!read(c)) {
              key.cancel();
              if (c.inFlight && c.due - state.countFrom >= 0) {
                synchronized (state) {
                  state.failed++;
                }
              }
              state.broke(c);
            }
          }
          keys.clear();
        }
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Reads what arrived on {@code c}; false when the connection broke. */
    private boolean read(Conn c) {
      int n;
      try {
        n = c.channel.read(c.in);
      } catch (IOException e) {
        return false;
      }
      if (n < 0) {
        return false;
      }
      c.in.flip();
      while (c.in.hasRemaining()) {
        if (!parse(c)) {
          return false;
        }
        if (!c.inHead && !c.chunked && c.remaining == 0) {
          finish(c);
        }
      }
      c.in.clear();
      return true;
    }

    /** Advances the parser over the buffered bytes; false on an answer it cannot read. */
    private boolean parse(Conn c) {
      ByteBuffer in = c.in;
      if (c.inHead) {
        // The head: status line and headers, one line at a time.
        while (in.hasRemaining()) {
          String l = c.line(in);
          if (l == null) {
            return true;
          }
          if (c.status == 0) {
            if (!l.startsWith("HTTP/1.") || l.length() < 12) {
              return false;
            }
            try {
              c.status = Integer.parseInt(l.substring(9, 12));
            } catch (NumberFormatException e) {
              return false;
            }
          } else if (l.isEmpty()) {
            c.inHead = false;
            c.chunkPhase = 0;
            if (c.keepBody) {
              c.bodyBytes = new java.io.ByteArrayOutputStream();
            }
            return true;
          } else {
            int colon = l.indexOf(':');
            if (colon > 0) {
              String name = l.substring(0, colon).trim();
              String value = l.substring(colon + 1).trim();
              if (name.equalsIgnoreCase("content-length")) {
                try {
                  c.remaining = Long.parseLong(value);
                } catch (NumberFormatException e) {
                  return false;
                }
              } else if (name.equalsIgnoreCase("transfer-encoding")
                  && value.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                c.chunked = true;
              }
            }
          }
        }
        return true;
      }
      if (!c.chunked) {
        int take = (int) Math.min(c.remaining, in.remaining());
        keep(c, take);
        c.remaining -= take;
        return true;
      }
      return chunk(c);
    }

    /** One step of a chunked body; finishes the answer after the last chunk's trailers. */
    private boolean chunk(Conn c) {
      ByteBuffer in = c.in;
      switch (c.chunkPhase) {
        case 1 -> {
          int take = (int) Math.min(c.remaining, in.remaining());
          keep(c, take);
          c.remaining -= take;
          if (c.remaining == 0) {
            c.chunkPhase = 2;
          }
          return true;
        }
        default -> {
          while (in.hasRemaining()) {
            String l = c.line(in);
            if (l == null) {
              return true;
            }
            if (c.chunkPhase == 2) {
              c.chunkPhase = 0;
              continue;
            }
            if (c.chunkPhase == 3) {
              if (l.isEmpty()) {
                finish(c);
                return true;
              }
              continue;
            }
            int semi = l.indexOf(';');
            long size;
            try {
              size = Long.parseLong((semi < 0 ? l : l.substring(0, semi)).trim(), 16);
            } catch (NumberFormatException e) {
              return false;
            }
            if (size == 0) {
              c.chunkPhase = 3;
              continue;
            }
            c.remaining = size;
            c.chunkPhase = 1;
            return true;
          }
          return true;
        }
      }
    }

    private void keep(Conn c, int take) {
      if (c.bodyBytes != null) {
        byte[] b = new byte[take];
        c.in.get(b);
        c.bodyBytes.writeBytes(b);
      } else {
        c.in.position(c.in.position() + take);
      }
    }

    /** A whole answer arrived: time it, hand the body over, free the connection. */
    private void finish(Conn c) {
      long now = System.nanoTime();
      int status = c.status;
      String text =
          c.bodyBytes != null && status / 100 == 2
              ? c.bodyBytes.toString(StandardCharsets.UTF_8)
              : null;
      synchronized (state) {
        if (c.due - state.countFrom < 0) {
          c.reset();
          if (text != null) {
            body.accept(text);
          }
          state.freed(c);
          return;
        }
        state.latency.recordValue(Math.max(0, now - c.due));
        state.answered++;
        if (status / 100 != 2) {
          state.failed++;
        }
      }
      c.reset();
      if (text != null) {
        body.accept(text);
      }
      state.freed(c);
    }
  }
}
