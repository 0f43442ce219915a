package dev.fisherman.daemon.source;

import dev.fisherman.daemon.metrics.DaemonMeters;
import dev.fisherman.genesis.Genesis;
import io.netty.channel.EventLoopGroup;
import java.io.InputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the daemon shares with the sources it makes. Everything here belongs to the daemon: a source
 * uses the timer and the event loops but never shuts them down.
 */
public interface SourceContext {

  /** The genesis in force. */
  Genesis genesis();

  /** The wall clock for session windows. */
  InstantSource clock();

  /** The one session-event reader, for sources that read events as JSON. */
  SessionEventParser parser();

  /** The daemon's meters; sources count their events through it. */
  DaemonMeters meters();

  /** A single-thread timer shared by the sources; tasks must be short. */
  ScheduledExecutorService timer();

  /** The probe event loops, for sources that speak a network protocol (e.g. a node websocket). */
  EventLoopGroup eventLoops();

  /** What {@code ndjson:-} reads: standard input unless a test says otherwise. */
  InputStream stdin();

  /** How often a followed file is checked for growth. */
  Duration pollInterval();

  /** The source options given on the command line ({@link SourceFactory#options()}). */
  SourceOptions options();

  /**
   * Routes the admin port's {@code POST /v1/sessions} to {@code intake}.
   *
   * @throws IllegalStateException if another source took them already
   */
  void takeSessionPosts(SessionIntake intake);
}
