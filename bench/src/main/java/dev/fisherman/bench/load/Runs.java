package dev.fisherman.bench.load;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Values of named figures collected over repeated runs, in the order they were first seen. */
final class Runs {
  private final Map<String, List<Double>> values = new LinkedHashMap<>();

  void add(String figure, double value) {
    values.computeIfAbsent(figure, k -> new ArrayList<>()).add(value);
  }

  List<Double> of(String figure) {
    return values.getOrDefault(figure, List.of());
  }

  double median(String figure) {
    List<Double> v = new ArrayList<>();
    for (double d : of(figure)) {
      if (!Double.isNaN(d)) {
        v.add(d);
      }
    }
    if (v.isEmpty()) {
      return Double.NaN;
    }
    v.sort(null);
    int n = v.size();
    return n % 2 == 1 ? v.get(n / 2) : (v.get(n / 2 - 1) + v.get(n / 2)) / 2;
  }
}
