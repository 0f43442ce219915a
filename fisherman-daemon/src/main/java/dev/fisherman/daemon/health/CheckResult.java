package dev.fisherman.daemon.health;

import java.util.Objects;

/**
 * The answer of {@link Component#check()}.
 *
 * @param ok whether the component works
 * @param detail why not, or a short status when it does ({@code ok} by default)
 */
public record CheckResult(boolean ok, String detail) {
  /** A component that works. */
  public static final CheckResult OK = new CheckResult(true, "ok");

  public CheckResult {
    Objects.requireNonNull(detail, "detail");
  }

  /** A component that does not work, for the reason given. */
  public static CheckResult failed(String detail) {
    return new CheckResult(false, detail);
  }
}
