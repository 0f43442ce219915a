package dev.fisherman.daemon.admin;

import dev.fisherman.core.store.SessionReport;

/**
 * Gives the render benchmark the admin port's own session renderer, which is package-private in the
 * daemon; living in the same package lets the benchmark measure exactly those bytes.
 */
public final class AdminRendering {
  private AdminRendering() {}

  /** The body of {@code GET /v1/sessions/{id}} for {@code report}. */
  public static byte[] sessionBody(SessionReport report) {
    return AdminResponse.ok(Json.report(report)).body();
  }
}
