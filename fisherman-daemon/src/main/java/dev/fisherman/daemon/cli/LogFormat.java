package dev.fisherman.daemon.cli;

/** How log lines look: readable text, or one JSON object per line for log shippers. */
public enum LogFormat {
  TEXT,
  JSON
}
