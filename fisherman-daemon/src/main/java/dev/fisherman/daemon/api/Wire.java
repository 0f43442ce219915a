package dev.fisherman.daemon.api;

import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * How the admin API's records become JSON and back: snake_case names, instants as ISO-8601 UTC,
 * empty optionals as {@code null} (or left out where a record says so). The admin port writes with
 * {@link #writer()}; clients read with {@link #reader(Class)}.
 */
public final class Wire {
  private static final JsonMapper MAPPER =
      JsonMapper.builder()
          .addModule(new Jdk8Module())
          .addModule(new JavaTimeModule())
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .build();

  private Wire() {}

  /** Writes any record of this package as the admin port does. */
  public static ObjectWriter writer() {
    return MAPPER.writer();
  }

  /** Reads a record of this package from the admin port's JSON. */
  public static ObjectReader reader(Class<?> type) {
    return MAPPER.readerFor(type);
  }

  static double round(double value, int decimals) {
    if (!Double.isFinite(value)) {
      return value;
    }
    double scale = Math.pow(10, decimals);
    return Math.round(value * scale) / scale;
  }

  static double millis(long nanos) {
    return round(nanos / 1e6, 3);
  }
}
