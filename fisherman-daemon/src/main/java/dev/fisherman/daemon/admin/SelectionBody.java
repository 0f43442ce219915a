package dev.fisherman.daemon.admin;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.fisherman.core.reputation.Selected;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The body of a selection answer, put together from pieces made once: the opening per service, and
 * per servicer everything up to its score ({@code {"address":"…","url":"…","score":}). A request
 * then costs one array, the body itself, instead of a serializer, a generator and its contexts, the
 * wire records and two copies of the bytes; at thousands of selections a second that is most of
 * what the admin loops allocate, and so most of what brings on the collector's pauses.
 *
 * <p>The bytes are exactly what {@link dev.fisherman.daemon.api.Wire#writer()} makes of {@link
 * Selection}, with a newline, as every JSON answer ends (SelectionBodyTest holds it to that,
 * escapes included). Strings are escaped by Jackson's own encoder.
 */
final class SelectionBody {
  /** Servicers whose pieces are kept; a servicer beyond is rendered again when drawn. */
  static final long MAX_PIECES = 16_384;

  private static final byte[] SERVICERS = ascii(",\"servicers\":[");
  private static final byte[] CLOSE = ascii("]}\n");

  /** A servicer's piece, good while it keeps this URL. */
  private record Piece(URI url, byte[] head) {}

  private final Map<String, byte[]> openings = new HashMap<>();
  private final Cache<String, Piece> pieces =
      Caffeine.newBuilder().maximumSize(MAX_PIECES).executor(Runnable::run).build();

  /** Pieces for {@code services}, the only ones {@link #render} is asked for. */
  SelectionBody(Collection<String> services) {
    for (String service : services) {
      openings.put(service, concat(ascii("{\"service\":"), quoted(service), SERVICERS));
    }
  }

  /** The answer's body for {@code selected} of {@code service} (one of the constructor's). */
  byte[] render(String service, List<Selected> selected) {
    byte[] opening = openings.get(service);
    if (opening == null) {
      throw new IllegalArgumentException("service: " + service + " (not in the genesis)");
    }
    int count = selected.size();
    byte[][] heads = new byte[count][];
    int length = opening.length + CLOSE.length + Math.max(0, count - 1);
    for (int i = 0; i < count; i++) {
      Selected s = selected.get(i);
      heads[i] = head(s);
      length += heads[i].length + digits(s.reputation().score()) + 1;
    }
    byte[] out = new byte[length];
    int at = put(out, 0, opening);
    for (int i = 0; i < count; i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      at = put(out, at, heads[i]);
      at = putInt(out, at, selected.get(i).reputation().score());
      out[at++] = '}';
    }
    put(out, at, CLOSE);
    return out;
  }

  private byte[] head(Selected s) {
    String address = s.reputation().address();
    Piece piece = pieces.getIfPresent(address);
    if (piece == null || !piece.url().equals(s.url())) {
      piece =
          new Piece(
              s.url(),
              concat(
                  ascii("{\"address\":"),
                  quoted(address),
                  ascii(",\"url\":"),
                  quoted(s.url().toString()),
                  ascii(",\"score\":")));
      pieces.put(address, piece);
    }
    return piece.head();
  }

  /** How many pieces are kept now (for tests). */
  long pieces() {
    pieces.cleanUp();
    return pieces.estimatedSize();
  }

  private static byte[] quoted(String s) {
    return concat(ascii("\""), JsonStringEncoder.getInstance().quoteAsUTF8(s), ascii("\""));
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] p : parts) {
      length += p.length;
    }
    byte[] out = new byte[length];
    int at = 0;
    for (byte[] p : parts) {
      at = put(out, at, p);
    }
    return out;
  }

  private static int put(byte[] out, int at, byte[] part) {
    System.arraycopy(part, 0, out, at, part.length);
    return at + part.length;
  }

  /** How many characters {@code v} takes in decimal, sign included. */
  static int digits(int v) {
    long x = Math.abs((long) v);
    int n = v < 0 ? 2 : 1;
    while (x >= 10) {
      x /= 10;
      n++;
    }
    return n;
  }

  /** Writes {@code v} in decimal at {@code at}; returns the index after it. */
  static int putInt(byte[] out, int at, int v) {
    int end = at + digits(v);
    long x = Math.abs((long) v);
    int i = end;
    do {
      out[--i] = (byte) ('0' + (x % 10));
      x /= 10;
    } while (x > 0);
    if (v < 0) {
      out[at] = '-';
    }
    return end;
  }
}
