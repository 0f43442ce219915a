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
 * thread wakes the other, and nothing is allocated per request unless the caller reads bodies as
 * text: answers are parsed on bytes, so the generator's own collections do not fall into the
 * measured window. Requests of the warm-up and of the measured window run the very same code, so
 * that the switch from one to the other recompiles nothing.
 */
final class OpenLoop {
  private static final byte[] CHUNKED = "chunked".getBytes(StandardCharsets.US_ASCII);
  private static final int WARM = 0;
  private static final int MEASURED = 1;

  /**
   * @param latency nanoseconds from the due instant to the whole response
   * @param due requests that fell due
   * @param answered responses with any status
   * @param failed responses with a non-2xx status, or connections that broke
   * @param unmatched 2xx responses whose body lacks the expected marker ({@link #expecting})
   */
  record Result(Histogram latency, long due, long answered, long failed, long unmatched) {}

  private final InetSocketAddress target;
  private final int connections;
  private final Supplier<FullHttpRequest> request;
  private final Consumer<String> body;
  private final byte[] marker;

  /**
   * @param body receives each 2xx response body as text, on the generator's reader thread; pass
   *     {@code null} to skip decoding
   */
  OpenLoop(
      InetSocketAddress target,
      int connections,
      Supplier<FullHttpRequest> request,
      Consumer<String> body) {
    this(target, connections, request, body, null);
  }

  private OpenLoop(
      InetSocketAddress target,
      int connections,
      Supplier<FullHttpRequest> request,
      Consumer<String> body,
      byte[] marker) {
    this.target = target;
    this.connections = connections;
    this.request = request;
    this.body = body;
    this.marker = marker;
  }

  /**
   * Counts, in {@link Result#unmatched()}, the 2xx answers whose body does not contain {@code
   * marker}; bodies are searched as bytes, with nothing allocated per answer.
   */
  static OpenLoop expecting(
      InetSocketAddress target, int connections, Supplier<FullHttpRequest> request, String marker) {
    return new OpenLoop(
        target, connections, request, null, marker.getBytes(StandardCharsets.UTF_8));
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
        Conn c = new Conn(ch, body != null || marker != null);
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
        return new Result(
            state.latency[MEASURED].copy(),
            count,
            state.answered[MEASURED],
            state.failed[MEASURED],
            state.unmatched[MEASURED]);
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
    // By phase, WARM or MEASURED; touched by the reader thread only until the run ends.
    final Histogram[] latency = {
      new Histogram(TimeUnit.SECONDS.toNanos(60), 3), new Histogram(TimeUnit.SECONDS.toNanos(60), 3)
    };
    final long[] answered = new long[2];
    final long[] failed = new long[2];
    final long[] unmatched = new long[2];
    // Requests due before this instant warm the path and are not counted.
    volatile long countFrom;

    /**
     * The phase of a request due at {@code due}: {@link #MEASURED} from {@link #countFrom} on, else
     * {@link #WARM}. Arithmetic, not a branch: the compiled code stays the same when the warm-up
     * ends.
     */
    int phase(long due) {
      return (int) ((due - countFrom) >>> 63) ^ MEASURED;
    }

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
    /** Longest status or header line kept; the rest of a longer line is skipped. */
    private static final int MAX_LINE = 8 * 1024;

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
    final byte[] line = new byte[MAX_LINE];
    int lineLength;
    byte[] body = new byte[4 * 1024];
    int bodyLength;

    Conn(SocketChannel channel, boolean keepBody) {
      this.channel = channel;
      this.keepBody = keepBody;
    }

    /**
     * Moves bytes from {@code in} into {@link #line} up to the next LF; true when a whole line
     * (without its CRLF) is there, false when more bytes must come.
     */
    boolean line(ByteBuffer in) {
      while (in.hasRemaining()) {
        byte b = in.get();
        if (b == '\n') {
          return true;
        }
        if (b != '\r' && lineLength < line.length) {
          line[lineLength++] = b;
        }
      }
      return false;
    }

    void keep(ByteBuffer in, int take) {
      if (bodyLength + take > body.length) {
        body = java.util.Arrays.copyOf(body, Math.max(body.length * 2, bodyLength + take));
      }
      in.get(body, bodyLength, take);
      bodyLength += take;
    }

    void reset() {
      inFlight = false;
      inHead = true;
      status = 0;
      remaining = 0;
      chunked = false;
      chunkPhase = 0;
      lineLength = 0;
      bodyLength = 0;
    }
  }

  /** Whether {@code line[0, length)} starts with {@code name} and a colon, ignoring ASCII case. */
  static boolean isHeader(byte[] line, int length, String name) {
    if (length <= name.length() || line[name.length()] != ':') {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      if (Character.toLowerCase((char) line[i]) != name.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** The decimal or hex number in {@code line[from, to)}, spaces around it allowed; -1 if none. */
  static long number(byte[] line, int from, int to, int radix) {
    while (from < to && line[from] == ' ') {
      from++;
    }
    while (to > from && line[to - 1] == ' ') {
      to--;
    }
    if (from == to || to - from > 15) {
      return -1;
    }
    long n = 0;
    for (int i = from; i < to; i++) {
      int d = Character.digit((char) line[i], radix);
      if (d < 0) {
        return -1;
      }
      n = n * radix + d;
    }
    return n;
  }

  /**
   * Whether {@code haystack[0, length)} contains {@code needle}; with {@code ignoreCase}, ASCII
   * letters of the haystack are compared lower-cased (so {@code needle} is given in lower case).
   */
  static boolean contains(byte[] haystack, int length, byte[] needle, boolean ignoreCase) {
    outer:
    for (int i = 0; i + needle.length <= length; i++) {
      for (int j = 0; j < needle.length; j++) {
        byte b = haystack[i + j];
        if (ignoreCase && b >= 'A' && b <= 'Z') {
          b += 'a' - 'A';
        }
        if (b != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
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
              if (c.inFlight) {
                synchronized (state) {
                  state.failed[state.phase(c.due)]++;
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
          if (!c.line(in)) {
            return true;
          }
          byte[] l = c.line;
          int length = c.lineLength;
          c.lineLength = 0;
          if (c.status == 0) {
            if (length < 12 || l[0] != 'H' || l[5] != '1' || l[6] != '.') {
              return false;
            }
            long status = number(l, 9, 12, 10);
            if (status < 100) {
              return false;
            }
            c.status = (int) status;
          } else if (length == 0) {
            c.inHead = false;
            c.chunkPhase = 0;
            return true;
          } else if (isHeader(l, length, "content-length")) {
            c.remaining = number(l, "content-length".length() + 1, length, 10);
            if (c.remaining < 0) {
              return false;
            }
          } else if (isHeader(l, length, "transfer-encoding")
              && contains(l, length, CHUNKED, true)) {
            c.chunked = true;
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
            if (!c.line(in)) {
              return true;
            }
            int length = c.lineLength;
            c.lineLength = 0;
            if (c.chunkPhase == 2) {
              c.chunkPhase = 0;
              continue;
            }
            if (c.chunkPhase == 3) {
              if (length == 0) {
                finish(c);
                return true;
              }
              continue;
            }
            int end = 0;
            while (end < length && c.line[end] != ';') {
              end++;
            }
            long size = number(c.line, 0, end, 16);
            if (size < 0) {
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
      if (c.keepBody) {
        c.keep(c.in, take);
      } else {
        c.in.position(c.in.position() + take);
      }
    }

    /** A whole answer arrived: time it, hand the body over, free the connection. */
    private void finish(Conn c) {
      long now = System.nanoTime();
      int status = c.status;
      boolean ok = status / 100 == 2;
      String text =
          body != null && ok ? new String(c.body, 0, c.bodyLength, StandardCharsets.UTF_8) : null;
      boolean unmatched = marker != null && ok && !contains(c.body, c.bodyLength, marker, false);
      synchronized (state) {
        int phase = state.phase(c.due);
        state.latency[phase].recordValue(Math.max(0, now - c.due));
        state.answered[phase]++;
        if (!ok) {
          state.failed[phase]++;
        }
        if (unmatched) {
          state.unmatched[phase]++;
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
