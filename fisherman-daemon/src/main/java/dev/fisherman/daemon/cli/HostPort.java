package dev.fisherman.daemon.cli;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code HOST:PORT} (IPv6 as {@code [::1]:8081}) into a resolved socket address. */
final class HostPort implements ITypeConverter<InetSocketAddress> {
  static final String EXPECTED = "HOST:PORT such as 127.0.0.1:8081";

  @Override
  public InetSocketAddress convert(String value) {
    return parse(value);
  }

  static InetSocketAddress parse(String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw bad(value);
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw bad(value);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw bad(value);
    }
    if (port < 0 || port > 65_535 || host.isEmpty()) {
      throw bad(value);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (UnknownHostException e) {
      throw new TypeConversionException(
          "\"" + value + "\": unknown host (expected: " + EXPECTED + ")");
    }
  }

  private static TypeConversionException bad(String value) {
    return new TypeConversionException("\"" + value + "\" (expected: " + EXPECTED + ")");
  }
}
