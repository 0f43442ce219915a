package dev.fisherman.core.relay;

import dev.fisherman.core.check.ResponseCheck.Verdict;
import dev.fisherman.core.envelope.Unwrapped;
import dev.fisherman.core.envelope.Wrapped;
import dev.fisherman.core.probe.Attestation;
import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.probe.Outcome;
import dev.fisherman.core.probe.ProbeFacts;
import dev.fisherman.core.probe.ProbeLabel;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.ScheduledFuture;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One probe from start to outcome: the connection's lifecycle and HTTP. What a whole response means
 * is left to the request's {@link dev.fisherman.core.check.ResponseCheck}. All state is confined to
 * the endpoint's event loop, except {@link #done}, which makes completion happen exactly once even
 * when {@link RelayClient#close()} has to finish a probe from another thread.
 */
final class Exchange {
  private static final VarHandle DONE;
  private static final byte[] NO_BODY = new byte[0];
  // An end instant not given: the probe ends when it completes. (Ticker readings may be negative.)
  private static final long NOW = Long.MIN_VALUE;

  static {
    try {
      DONE = MethodHandles.lookup().findVarHandle(Exchange.class, "done", int.class);
    } catch (ReflectiveOperationException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  final DefaultRelayClient client;
  final Endpoint endpoint;
  private final RelayRequest request;
  private final ProbeLabel label;
  final CompletableFuture<Observation> future = new CompletableFuture<>();

  @SuppressWarnings("unused") // accessed through DONE
  private volatile int done;

  private long startNanos;
  private long connectNanos = -1;
  private long firstByteNanos = -1;
  private boolean started;
  private boolean connected;
  private boolean reused;
  private boolean kept;
  private boolean retried;
  private Channel channel;
  private ProbeHandler handler;
  private ScheduledFuture<?> deadline;
  private int status = -1;
  private boolean informational;
  private boolean keepAlive;
  private boolean accumulate;
  private ByteBuf body;
  private long bodyBytes;
  private Wrapped wrapped;
  private Attestation attestation;
  // The shared part of the request's bytes; released once (null after).
  private ByteBuf rest;
  // Started as part of a batch: a kept-alive connection is written now and flushed by flush().
  private boolean batched;
  private boolean unflushed;

  /**
   * @param rest the request's bytes after the head ({@link RequestWire#rest}), owned by this
   *     exchange from now on and released when it completes
   */
  Exchange(
      DefaultRelayClient client,
      Endpoint endpoint,
      RelayRequest request,
      ProbeLabel label,
      ByteBuf rest) {
    this.client = client;
    this.endpoint = endpoint;
    this.request = request;
    this.label = label;
    this.rest = rest;
  }

  private boolean isDone() {
    return done != 0;
  }

  /** Runs on the endpoint's loop: the probe's actual send instant. */
  void start() {
    start(false);
  }

  /**
   * Runs on the endpoint's loop. {@code batched}: a request on a kept-alive connection is written
   * but not flushed; true is returned and the caller calls {@link #flush()} once every probe of the
   * batch is written, so that the batch's flushes (one write syscall each) follow each other.
   */
  boolean start(boolean batched) {
    if (isDone()) {
      return false;
    }
    this.batched = batched;
    try {
      begin();
    } catch (RuntimeException e) {
      fail(e);
    }
    return unflushed && !isDone();
  }

  /** Flushes a batched request (see {@link #start(boolean)}): the probe starts now. */
  void flush() {
    Channel ch = channel;
    if (!unflushed || isDone() || ch == null) {
      return;
    }
    unflushed = false;
    ch.flush();
    startNanos = handler.stamps.flushed(startNanos);
  }

  private void begin() {
    Object forServicer = request.wrappedFor(label.servicer());
    if (forServicer instanceof String why) {
      started = true;
      startNanos = client.clock.nanoTime();
      finish(Outcome.REFUSED, why);
      return;
    }
    wrapped = (Wrapped) forServicer;
    if (wrapped != null) {
      // Signed bytes differ per servicer: this probe's own rest replaces the round's shared one.
      ByteBuf shared = rest;
      rest =
          RequestWire.rest(
              ByteBufAllocator.DEFAULT, wrapped.headers(), wrapped.body(), !client.reuse);
      shared.release();
    }
    started = true;
    startNanos = client.clock.nanoTime();
    endpoint.touch(startNanos);
    if (client.closed) {
      finish(Outcome.CANCELLED, "relay client closed");
      return;
    }
    deadline = endpoint.loop.schedule(this::onDeadline, client.timeoutNanos, TimeUnit.NANOSECONDS);
    if (client.reuse) {
      Channel idle = endpoint.pollIdle();
      if (idle != null) {
        ProbeHandler h = idle.pipeline().get(ProbeHandler.class);
        if (h != null) {
          connected = true;
          reused = true;
          // Only a connection that already carried an answer can have been closed as idle.
          kept = h.carried;
          send(idle, h);
          return;
        }
        idle.close();
      }
    }
    endpoint.resolveAndConnect(this);
  }

  /** Runs on the loop once the address is known. */
  void connect(InetSocketAddress remote) {
    if (isDone()) {
      return;
    }
    ChannelFuture f;
    try {
      f = endpoint.connect(remote, this);
    } catch (RuntimeException e) {
      fail(e);
      return;
    }
    if (f.isDone() && f.cause() != null && !f.channel().isRegistered()) {
      // No socket was opened (no file descriptor left) or the loop refused the channel. Netty
      // hands back a channel without an event loop, whose futures complete on its global executor
      // and which throws on close: the probe ends here, on its loop, and never touches it.
      finish(Outcome.CANCELLED, client.socketShortage.unsent(f.cause()));
      return;
    }
    channel = f.channel();
    handler = channel.pipeline().get(ProbeHandler.class);
    f.addListener(
        (ChannelFuture cf) -> {
          if (isDone()) {
            cf.channel().close();
          } else if (!cf.isSuccess()) {
            fail(cf.cause());
          } else if (endpoint.tls) {
            SslHandler tls = cf.channel().pipeline().get(SslHandler.class);
            tls.handshakeFuture()
                .addListener(
                    hf -> {
                      if (isDone()) {
                        cf.channel().close();
                      } else if (!hf.isSuccess()) {
                        fail(hf.cause());
                      } else {
                        onConnected(cf.channel());
                      }
                    });
          } else {
            onConnected(cf.channel());
          }
        });
  }

  private void onConnected(Channel ch) {
    long now = client.clock.nanoTime();
    ProbeHandler h = ch.pipeline().get(ProbeHandler.class);
    if (h == null) {
      fail(new IllegalStateException("connection lost its probe handler"));
      return;
    }
    if (!retried) {
      // A new connection's probe starts when the socket connects; a retry keeps its first start.
      startNanos = h.stamps.connected(startNanos);
    }
    connectNanos = now - startNanos;
    connected = true;
    send(ch, h);
  }

  private void send(Channel ch, ProbeHandler h) {
    channel = ch;
    handler = h;
    h.attach(this);
    if (h.decoder != null) {
      h.decoder.expect(request.httpMethod());
    }
    // A relay inside an envelope was produced for this servicer: POSTed to its URL as given, its
    // own bytes in rest (see begin).
    byte[] head = wrapped == null ? endpoint.head(request) : endpoint.ownHead();
    ch.write(ch.alloc().directBuffer(head.length).writeBytes(head), ch.voidPromise());
    // The shared bytes, one more reference per write: a retry writes them again.
    ch.write(rest.retainedDuplicate())
        .addListener(
            f -> {
              // Only while this connection is still the probe's (a retry may have moved on).
              if (!f.isSuccess() && channel == ch) {
                fail(f.cause());
              }
            });
    if (batched && reused && !retried) {
      unflushed = true;
      return;
    }
    ch.flush();
    if (reused && !retried) {
      // On a kept-alive connection the probe starts when its bytes reach the socket.
      startNanos = h.stamps.flushed(startNanos);
    }
  }

  /** A decoded response part; the caller releases {@code msg}. */
  void onMessage(Channel ch, Object msg) {
    if (isDone()) {
      return;
    }
    if (firstByteNanos < 0) {
      // The read that brought these bytes, before they were decoded.
      firstByteNanos = handler.stamps.read(client.clock.nanoTime()) - startNanos;
    }
    if (msg instanceof HttpResponse response) {
      DecoderResult result = response.decoderResult();
      if (result.isFailure()) {
        decoderFailed(result.cause(), true);
        return;
      }
      int code = response.status().code();
      if (code >= 100 && code < 200 && code != 101) {
        // An interim response; the real one follows on the same connection.
        informational = true;
        return;
      }
      status = code;
      keepAlive = HttpUtil.isKeepAlive(response);
      long length = HttpUtil.getContentLength(response, -1L);
      if (length > client.maxResponseBytes) {
        tooLarge(length);
        return;
      }
      // A wrapped relay's 2xx answer is the envelope, read whatever the service's check reads.
      accumulate =
          (wrapped != null && code >= 200 && code < 300) || request.check().readsBody(code);
      if (accumulate) {
        int initial = (int) Math.min(length > 0 ? length : 512, client.maxResponseBytes);
        body = ch.alloc().heapBuffer(initial, client.maxResponseBytes);
      }
    }
    if (msg instanceof HttpContent content) {
      if (informational) {
        if (content instanceof LastHttpContent) {
          informational = false;
        }
        return;
      }
      DecoderResult result = content.decoderResult();
      if (result.isFailure()) {
        decoderFailed(result.cause(), false);
        return;
      }
      ByteBuf bytes = content.content();
      bodyBytes += bytes.readableBytes();
      if (bodyBytes > client.maxResponseBytes) {
        tooLarge(-1);
        return;
      }
      if (accumulate) {
        body.writeBytes(bytes);
      }
      if (content instanceof LastHttpContent) {
        complete();
      }
    }
  }

  /**
   * The HTTP decoder gave up: a reset underneath stays a reset, anything else is no HTTP. {@code
   * inHead} tells a broken status line or header (named as such) from a broken body.
   */
  private void decoderFailed(Throwable cause, boolean inHead) {
    Failures.Failure f = Failures.classify(cause);
    if (f.outcome() == Outcome.RESET) {
      finish(Outcome.RESET, f.detail());
    } else {
      finish(
          Outcome.INVALID_RESPONSE, inHead ? "not HTTP: " + Failures.message(cause) : f.detail());
    }
  }

  private void tooLarge(long announced) {
    finish(
        status >= 200 && status < 300 ? Outcome.TOO_LARGE : Outcome.HTTP_STATUS,
        (announced >= 0 ? "body of " + announced + " bytes" : "body over")
            + " exceeds max_response_bytes "
            + client.maxResponseBytes);
  }

  private void complete() {
    // The response ended in the read that is being handled: its stamp is the probe's end, taken
    // before the answer was decoded and checked.
    long end = handler.stamps.read(client.clock.nanoTime());
    Verdict verdict =
        wrapped != null && status >= 200 && status < 300
            ? unwrap(body.array(), body.arrayOffset() + body.readerIndex(), body.readableBytes())
            : accumulate
                ? request
                    .check()
                    .judge(
                        status,
                        body.array(),
                        body.arrayOffset() + body.readerIndex(),
                        body.readableBytes(),
                        request.jsonRpcId())
                : request.check().judge(status, NO_BODY, 0, 0, request.jsonRpcId());
    Channel ch = channel;
    handler.carried = true;
    handler.detach(this);
    channel = null;
    if (client.reuse && keepAlive) {
      endpoint.release(ch);
    } else {
      ch.close();
    }
    finish(verdict, end);
  }

  /**
   * Reads a wrapped answer: a protocol failure is the probe's outcome; the service's own response
   * inside goes through the service's check as a direct answer would, with its status.
   */
  private Verdict unwrap(byte[] bytes, int offset, int length) {
    return switch (request.envelope().unwrap(label.servicer(), bytes, offset, length)) {
      case Unwrapped.Failed f -> new Verdict(f.outcome(), f.code(), ProbeFacts.NONE, f.detail());
      case Unwrapped.Answer a -> {
        attestation = a.attestation();
        status = a.status();
        byte[] inner = request.check().readsBody(a.status()) ? a.body() : NO_BODY;
        yield request.check().judge(a.status(), inner, 0, inner.length, request.jsonRpcId());
      }
    };
  }

  /** The connection closed under this probe. */
  void onClosed() {
    if (isDone()) {
      return;
    }
    channel = null;
    if (retryOnFreshConnection()) {
      return;
    }
    finish(
        Outcome.RESET,
        firstByteNanos < 0
            ? "connection closed without an answer"
            : "connection closed before the whole response arrived");
  }

  /** Something failed on the loop: connect, TLS, write, read or decode. */
  /** Ends the probe as refused by the fisherman itself, saying why. */
  void refuse(String detail) {
    if (!isDone()) {
      finish(Outcome.REFUSED, detail);
    }
  }

  void fail(Throwable cause) {
    if (isDone()) {
      return;
    }
    Failures.Failure f = Failures.classify(cause);
    if (f.outcome() == Outcome.RESET && retryOnFreshConnection()) {
      return;
    }
    Outcome outcome = f.outcome();
    if (outcome == Outcome.RESET && !connected) {
      // A connect attempt that died without a clearer cause.
      outcome = Outcome.REFUSED;
    }
    finish(outcome, f.detail());
  }

  /**
   * A kept-alive connection the servicer closed just as the probe was written looks like a reset,
   * but says nothing about the servicer: idle connections are closed by design. So a probe on a
   * reused connection that already carried an answer and fails before any response byte gets one
   * fresh connection, within the same deadline and still timed from the original send. A connection
   * opened ahead of its first probe ({@link RelayClient#prepare}) is not retried: a servicer that
   * drops it at the first request drops any.
   */
  private boolean retryOnFreshConnection() {
    if (!reused || !kept || retried || firstByteNanos >= 0 || client.closed) {
      return false;
    }
    retried = true;
    reused = false;
    connected = false;
    if (handler != null) {
      handler.detach(this);
      handler = null;
    }
    Channel old = channel;
    channel = null;
    if (old != null) {
      old.close();
    }
    endpoint.resolveAndConnect(this);
    return true;
  }

  private void onDeadline() {
    if (isDone()) {
      return;
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(client.timeoutNanos);
    if (connected) {
      finish(
          Outcome.TIMEOUT_RESPONSE,
          (firstByteNanos < 0 ? "no answer" : "response incomplete") + " within " + millis + "ms");
    } else {
      finish(Outcome.TIMEOUT_CONNECT, "not connected within " + millis + "ms");
    }
  }

  /**
   * Ends the probe as cancelled; {@code onLoop} is false when called from a thread that must not
   * touch loop-confined state (the loop is gone or unresponsive).
   */
  void cancel(String reason, boolean onLoop) {
    if (isDone()) {
      return;
    }
    if (onLoop) {
      finish(Outcome.CANCELLED, reason);
    } else if (DONE.compareAndSet(this, 0, 1)) {
      Channel ch = channel;
      if (ch != null) {
        ch.close();
      }
      complete(Verdict.of(Outcome.CANCELLED, reason), false);
    }
  }

  /** Detaches from the connection and closes it: it cannot be reused after a failed probe. */
  private void abandon() {
    if (handler != null) {
      handler.detach(this);
    }
    Channel ch = channel;
    channel = null;
    if (ch != null) {
      ch.close();
    }
  }

  /** Every way a probe ends without a judged response: the outcome and why. */
  private void finish(Outcome outcome, String detail) {
    finish(Verdict.of(outcome, detail));
  }

  private void finish(Verdict verdict) {
    finish(verdict, NOW);
  }

  /** {@code endNanos}: when the answer was read, or {@link #NOW}. */
  private void finish(Verdict verdict, long endNanos) {
    if (!DONE.compareAndSet(this, 0, 1)) {
      return;
    }
    // Decided first, closed second: closing fires listeners that must find the probe done.
    abandon();
    complete(verdict, true, endNanos);
  }

  private void complete(Verdict verdict, boolean onLoop) {
    complete(verdict, onLoop, NOW);
  }

  private void complete(Verdict verdict, boolean onLoop, long endNanos) {
    long total = started ? (endNanos != NOW ? endNanos : client.clock.nanoTime()) - startNanos : 0;
    if (deadline != null) {
      deadline.cancel(false);
    }
    if (onLoop && body != null) {
      body.release();
      body = null;
    }
    ByteBuf r = rest;
    if (r != null) {
      rest = null;
      r.release();
    }
    client.running.remove(this);
    Observation o =
        new Observation(
            label.sessionId(),
            label.servicer(),
            label.round(),
            label.intendedAt(),
            started ? startNanos - label.intendedNanoTime() : 0,
            connectNanos >= 0 ? OptionalLong.of(connectNanos) : OptionalLong.empty(),
            firstByteNanos >= 0 ? OptionalLong.of(firstByteNanos) : OptionalLong.empty(),
            total,
            verdict.outcome(),
            status >= 0 ? OptionalInt.of(status) : OptionalInt.empty(),
            verdict.rpcErrorCode(),
            verdict.facts(),
            verdict.detail(),
            Optional.ofNullable(attestation));
    future.complete(o);
  }
}
