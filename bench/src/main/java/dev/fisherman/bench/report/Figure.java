package dev.fisherman.bench.report;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One measured figure over repeated runs, with the bar it is held to (if any) and a line on what
 * limits it.
 *
 * @param runs one value per run, in {@code unit}; NaN marks a run that produced no value
 * @param limit what bounds the figure on this machine, in a sentence or two
 * @param closeIt when the bar is missed: why, and what would close it
 */
public record Figure(
    String name, String unit, Optional<Bar> bar, List<Double> runs, String limit, String closeIt) {

  public Figure {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(unit, "unit");
    Objects.requireNonNull(bar, "bar");
    runs = List.copyOf(runs);
    Objects.requireNonNull(limit, "limit");
    Objects.requireNonNull(closeIt, "closeIt");
  }

  private List<Double> values() {
    List<Double> v = new ArrayList<>();
    for (double d : runs) {
      if (!Double.isNaN(d)) {
        v.add(d);
      }
    }
    Collections.sort(v);
    return v;
  }

  public boolean measured() {
    return !values().isEmpty();
  }

  public double min() {
    List<Double> v = values();
    return v.isEmpty() ? Double.NaN : v.get(0);
  }

  public double max() {
    List<Double> v = values();
    return v.isEmpty() ? Double.NaN : v.get(v.size() - 1);
  }

  /** The median run; for an even count, the mean of the two middle runs. */
  public double median() {
    List<Double> v = values();
    if (v.isEmpty()) {
      return Double.NaN;
    }
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }

  /** Judged on the median run; empty when there is no bar or no value. */
  public Optional<Boolean> passed() {
    if (bar.isEmpty() || !measured()) {
      return Optional.empty();
    }
    return Optional.of(bar.get().met(median()));
  }

  /** True when the bar holds on the median but not in the worst run. */
  public boolean worstRunMisses() {
    if (bar.isEmpty() || !measured()) {
      return false;
    }
    double worst = bar.get().atMost() ? max() : min();
    return !bar.get().met(worst);
  }
}
