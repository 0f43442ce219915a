package dev.fisherman.genesis;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A block of IP addresses in CIDR notation ({@code 169.254.0.0/16}, {@code fe80::/10}), as the deny
 * list of {@code params.limits} names them. IPv4-mapped IPv6 addresses count as their IPv4 address.
 */
public record AddressRange(String text, byte[] network, int prefix) {
  /** What a range that does not parse is told. */
  public static final String EXPECTED =
      "an address range in CIDR notation, such as 169.254.0.0/16 or fe80::/10";

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

  public AddressRange {
    Objects.requireNonNull(text, "text");
    network = network.clone();
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException(
          "network: " + network.length + " bytes (expected: 4 or 16)");
    }
    if (prefix < 0 || prefix > network.length * 8) {
      throw new IllegalArgumentException(
          "prefix: " + prefix + " (expected: 0 to " + network.length * 8 + ")");
    }
  }

  /** The range {@code text} names, or empty when it is not CIDR notation over an IP literal. */
  public static Optional<AddressRange> parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0 || text.indexOf('/', slash + 1) >= 0) {
      return Optional.empty();
    }
    Optional<InetAddress> address = literal(text.substring(0, slash));
    String bits = text.substring(slash + 1);
    if (address.isEmpty() || !bits.matches("\\d{1,3}")) {
      return Optional.empty();
    }
    byte[] network = address.get().getAddress();
    int prefix = Integer.parseInt(bits);
    if (prefix > network.length * 8) {
      return Optional.empty();
    }
    return Optional.of(new AddressRange(text, network, prefix));
  }

  /**
   * The address {@code host} spells literally (dotted IPv4, or IPv6 with or without brackets), or
   * empty for a name. Never asks a resolver.
   */
  public static Optional<InetAddress> literal(String host) {
    String h =
        host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    if (IPV4.matcher(h).matches()) {
      for (String octet : h.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          // Not an address: InetAddress would take it for a name and look it up.
          return Optional.empty();
        }
      }
    } else if (!IPV6.matcher(h).matches()) {
      return Optional.empty();
    }
    try {
      // A literal: InetAddress parses it without a lookup.
      return Optional.of(InetAddress.getByName(h));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  /** The address of {@code url}'s host when it is written as an IP literal. */
  public static Optional<InetAddress> literal(URI url) {
    return url.getHost() == null ? Optional.empty() : literal(url.getHost());
  }

  /** Whether {@code address} lies in this range. */
  public boolean contains(InetAddress address) {
    byte[] a = address.getAddress();
    if (address instanceof Inet6Address v6 && network.length == 4) {
      // ::ffff:a.b.c.d is a.b.c.d on the wire.
      byte[] b = v6.getAddress();
      if (!isMapped(b)) {
        return false;
      }
      a = Arrays.copyOfRange(b, 12, 16);
    } else if (address instanceof Inet4Address && network.length == 16) {
      return false;
    }
    int full = prefix / 8;
    for (int i = 0; i < full; i++) {
      if (a[i] != network[i]) {
        return false;
      }
    }
    int rest = prefix % 8;
    if (rest == 0) {
      return true;
    }
    int mask = (0xff << (8 - rest)) & 0xff;
    return (a[full] & mask) == (network[full] & mask);
  }

  private static boolean isMapped(byte[] b) {
    for (int i = 0; i < 10; i++) {
      if (b[i] != 0) {
        return false;
      }
    }
    return b[10] == (byte) 0xff && b[11] == (byte) 0xff;
  }

  @Override
  public byte[] network() {
    return network.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddressRange r
        && prefix == r.prefix
        && Arrays.equals(network, r.network)
        && text.equals(r.text);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * text.hashCode() + Arrays.hashCode(network)) + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
