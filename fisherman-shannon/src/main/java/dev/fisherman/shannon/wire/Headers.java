package dev.fisherman.shannon.wire;

import dev.fisherman.shannon.wire.proto.Header;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Header maps as the wire carries them: one {@code Header} per name, several values each. */
final class Headers {

  private Headers() {}

  static Map<String, List<String>> copy(String field, Map<String, List<String>> headers) {
    if (headers == null) {
      return Map.of();
    }
    TreeMap<String, List<String>> out = new TreeMap<>();
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() == null || e.getKey().isEmpty()) {
        throw new IllegalArgumentException(field + ": empty header name");
      }
      if (e.getValue() == null || e.getValue().stream().anyMatch(v -> v == null)) {
        throw new IllegalArgumentException(field + "." + e.getKey() + ": null value");
      }
      out.put(e.getKey(), List.copyOf(e.getValue()));
    }
    return java.util.Collections.unmodifiableMap(out);
  }

  static Map<String, Header> toWire(Map<String, List<String>> headers) {
    TreeMap<String, Header> out = new TreeMap<>();
    headers.forEach((k, v) -> out.put(k, Header.newBuilder().setKey(k).addAllValues(v).build()));
    return out;
  }

  static Map<String, List<String>> fromWire(Map<String, Header> headers) {
    TreeMap<String, List<String>> out = new TreeMap<>();
    headers.forEach((k, h) -> out.put(k, new ArrayList<>(h.getValuesList())));
    return out;
  }
}
