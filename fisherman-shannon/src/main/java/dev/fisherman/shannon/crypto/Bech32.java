package dev.fisherman.shannon.crypto;

import java.io.ByteArrayOutputStream;
import java.util.Locale;

/** BIP-173 bech32 (the original checksum constant 1, which cosmos addresses use). */
final class Bech32 {

  private static final String CHARSET = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
  private static final int[] GEN = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};

  private Bech32() {}

  record Decoded(String hrp, byte[] data) {}

  static String encode(String hrp, byte[] data) {
    byte[] five = convertBits(data, 8, 5, true);
    byte[] checksum = checksum(hrp, five);
    StringBuilder sb = new StringBuilder(hrp).append('1');
    for (byte b : five) {
      sb.append(CHARSET.charAt(b));
    }
    for (byte b : checksum) {
      sb.append(CHARSET.charAt(b));
    }
    return sb.toString();
  }

  /** Decodes, or throws with the reason the text is not bech32. */
  static Decoded decode(String text) {
    if (text.length() > 90) {
      throw new IllegalArgumentException("longer than 90 characters");
    }
    boolean lower = false;
    boolean upper = false;
    for (char c : text.toCharArray()) {
      if (c < 33 || c > 126) {
        throw new IllegalArgumentException("character outside US-ASCII 33..126");
      }
      lower |= Character.isLowerCase(c);
      upper |= Character.isUpperCase(c);
    }
    if (lower && upper) {
      throw new IllegalArgumentException("mixed case");
    }
    String s = text.toLowerCase(Locale.ROOT);
    int sep = s.lastIndexOf('1');
    if (sep < 1 || sep + 7 > s.length()) {
      throw new IllegalArgumentException("no separator or checksum");
    }
    String hrp = s.substring(0, sep);
    byte[] values = new byte[s.length() - sep - 1];
    for (int i = 0; i < values.length; i++) {
      int v = CHARSET.indexOf(s.charAt(sep + 1 + i));
      if (v < 0) {
        throw new IllegalArgumentException("character '" + s.charAt(sep + 1 + i) + "'");
      }
      values[i] = (byte) v;
    }
    if (polymod(concat(expandHrp(hrp), values)) != 1) {
      throw new IllegalArgumentException("bad checksum");
    }
    byte[] five = new byte[values.length - 6];
    System.arraycopy(values, 0, five, 0, five.length);
    return new Decoded(hrp, convertBits(five, 5, 8, false));
  }

  private static byte[] checksum(String hrp, byte[] data) {
    byte[] values = concat(concat(expandHrp(hrp), data), new byte[6]);
    int mod = polymod(values) ^ 1;
    byte[] out = new byte[6];
    for (int i = 0; i < 6; i++) {
      out[i] = (byte) ((mod >>> (5 * (5 - i))) & 31);
    }
    return out;
  }

  private static int polymod(byte[] values) {
    int chk = 1;
    for (byte v : values) {
      int top = chk >>> 25;
      chk = ((chk & 0x1ffffff) << 5) ^ (v & 0xff);
      for (int i = 0; i < 5; i++) {
        if (((top >>> i) & 1) != 0) {
          chk ^= GEN[i];
        }
      }
    }
    return chk;
  }

  private static byte[] expandHrp(String hrp) {
    byte[] out = new byte[hrp.length() * 2 + 1];
    for (int i = 0; i < hrp.length(); i++) {
      out[i] = (byte) (hrp.charAt(i) >>> 5);
      out[i + hrp.length() + 1] = (byte) (hrp.charAt(i) & 31);
    }
    return out;
  }

  private static byte[] convertBits(byte[] in, int from, int to, boolean pad) {
    int acc = 0;
    int bits = 0;
    int maxv = (1 << to) - 1;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte b : in) {
      int value = b & 0xff;
      if ((value >>> from) != 0) {
        throw new IllegalArgumentException("value out of range");
      }
      acc = (acc << from) | value;
      bits += from;
      while (bits >= to) {
        bits -= to;
        out.write((acc >>> bits) & maxv);
      }
    }
    if (pad) {
      if (bits > 0) {
        out.write((acc << (to - bits)) & maxv);
      }
    } else if (bits >= from || ((acc << (to - bits)) & maxv) != 0) {
      throw new IllegalArgumentException("non-zero padding");
    }
    return out.toByteArray();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
