package dev.fisherman.daemon.sim.miner;

import dev.fisherman.shannon.crypto.PrivateKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The simulated chain's well-known keys: each is SHA-256 of a fixed label, so a localnet's
 * application, gateway and supplier addresses are the same on every run (like a development chain's
 * published test accounts). They hold nothing of value and must never sign for a real network.
 */
public final class LocalnetKeys {
  private LocalnetKeys() {}

  /** The private key, as 64 hex characters, of {@code label}. */
  public static String hex(String label) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest(("fisherman localnet " + label).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The key of {@code label}. */
  public static PrivateKey key(String label) {
    return PrivateKey.fromHex(hex(label));
  }

  /** The localnet's application. */
  public static PrivateKey application() {
    return key("application");
  }

  /** The gateway fisherman signs relays as; the application delegates to it. */
  public static PrivateKey gateway() {
    return key("gateway");
  }

  /** The supplier operator behind the genesis servicer {@code servicer}. */
  public static PrivateKey supplier(String servicer) {
    return key("supplier " + servicer);
  }
}
