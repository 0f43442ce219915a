package dev.fisherman.daemon.source;

import dev.fisherman.core.Admission;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.CheckResult;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Session events pushed over HTTP: the admin port's {@code POST /v1/sessions} hands each request
 * body to {@link #receive(byte[])}. The source itself opens no socket.
 */
public final class WebhookSource implements SessionSource {
  /** The name this source reports. */
  public static final String NAME = "webhook";

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  /** What became of one accepted request body. */
  public record Received(SessionStarted session, Admission admission) {
    public Received {
      Objects.requireNonNull(session, "session");
      Objects.requireNonNull(admission, "admission");
    }
  }

  private final SessionEventParser parser;
  private final SourceMetrics metrics;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private volatile SessionSink sink;

  public WebhookSource(SessionEventParser parser, SourceMetrics metrics) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    this.sink = sink;
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("webhook source: " + state.get() + " (expected: NEW)");
    }
  }

  /** Whether {@link #receive(byte[])} currently takes events. */
  public boolean isRunning() {
    return state.get() == State.RUNNING;
  }

  /**
   * Parses one request body and hands the session to the engine.
   *
   * @throws InvalidSessionEventException if the body is not a valid session event
   * @throws IllegalStateException if the source is not running or the engine refuses sessions
   * @throws IllegalArgumentException if the engine rejects the session
   */
  public Received receive(byte[] body) throws InvalidSessionEventException {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException("webhook source is not running");
    }
    SessionStarted session;
    try {
      session = parser.parse(body);
    } catch (InvalidSessionEventException e) {
      metrics.record(NAME, SourceMetrics.Result.INVALID);
      throw e;
    }
    Admission admission;
    try {
      admission = sink.submit(session);
    } catch (RuntimeException e) {
      metrics.record(NAME, SourceMetrics.Result.REFUSED);
      throw e;
    }
    metrics.record(
        NAME,
        admission == Admission.ACCEPTED
            ? SourceMetrics.Result.ACCEPTED
            : SourceMetrics.Result.DUPLICATE);
    return new Received(session, admission);
  }

  @Override
  public CheckResult check() {
    return switch (state.get()) {
      case RUNNING -> CheckResult.OK;
      case NEW -> CheckResult.failed("not started");
      case CLOSED -> CheckResult.failed("closed");
    };
  }

  @Override
  public void close() {
    state.set(State.CLOSED);
  }
}
