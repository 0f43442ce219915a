package dev.fisherman.daemon.source;

import dev.fisherman.core.Admitted;
import dev.fisherman.core.session.SessionStarted;
import dev.fisherman.daemon.health.CheckResult;
import dev.fisherman.daemon.metrics.DaemonMeters;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Session events pushed over HTTP: the admin port's {@code POST /v1/sessions} hands each request
 * body to {@link #receive(byte[])}. The source itself opens no socket.
 */
final class WebhookSource implements SessionSource, SessionIntake {
  static final String NAME = "webhook";

  private enum State {
    NEW,
    RUNNING,
    CLOSED
  }

  /** {@code --source webhook}: takes the admin port's session posts. */
  static final class Factory implements SourceFactory {
    @Override
    public String kind() {
      return NAME;
    }

    @Override
    public String usage() {
      return NAME;
    }

    @Override
    public boolean accepts(SourceSpec spec) {
      return spec.argument().isEmpty();
    }

    @Override
    public SessionSource create(SourceSpec spec, SourceContext context) {
      WebhookSource source = new WebhookSource(context.parser(), context.meters());
      context.takeSessionPosts(source);
      return source;
    }
  }

  private final SessionEventParser parser;
  private final DaemonMeters meters;
  private final AtomicReference<State> state = new AtomicReference<>(State.NEW);
  private volatile CountingSink sink;

  WebhookSource(SessionEventParser parser, DaemonMeters meters) {
    this.parser = Objects.requireNonNull(parser, "parser");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void start(SessionSink sink) {
    Objects.requireNonNull(sink, "sink");
    this.sink = new CountingSink(NAME, sink, meters);
    if (!state.compareAndSet(State.NEW, State.RUNNING)) {
      throw new IllegalStateException("webhook source: " + state.get() + " (expected: NEW)");
    }
  }

  @Override
  public Received receive(byte[] body) throws InvalidSessionEventException {
    if (state.get() != State.RUNNING) {
      throw new IllegalStateException("webhook source is not running");
    }
    CountingSink target = sink;
    SessionStarted session;
    try {
      session = parser.parse(body);
    } catch (InvalidSessionEventException e) {
      target.invalid();
      throw e;
    }
    Admitted admitted = target.admit(session, NAME);
    return new Received(session, admitted.admission(), admitted.session());
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
