package dev.fisherman.shannon.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysTest {

  private static final String KEY_HEX =
      "2d00ef074d9b51e46886dc9a1df11e7b986611d0f336bdcf1f0adce3e037ec0a";

  @TempDir Path dir;

  @Test
  void load_privateFile_givesTheKeyAndHidesIt() throws IOException {
    Path file = keyFile("0600", KEY_HEX + "\n");

    GatewayKey key = GatewayKey.load(file);

    assertThat(key.address().value()).isEqualTo("pokt1mrqt5f7qh8uxs27cjm9t7v9e74a9vvdnq5jva4");
    assertThat(key.toString()).isEqualTo("GatewayKey[pokt1mrqt5f7qh8uxs27cjm9t7v9e74a9vvdnq5jva4]");
    assertThat(key.privateKey().toString()).doesNotContain(KEY_HEX).doesNotContain("2d00ef");
  }

  @Test
  void load_groupReadableFile_isRefused() throws IOException {
    Path file = keyFile("0640", KEY_HEX);

    assertThatThrownBy(() -> GatewayKey.load(file))
        .hasMessage(
            "gateway key file "
                + file
                + ": readable by its group (expected: chmod 600 or stricter)");
  }

  @Test
  void load_worldReadableFile_isRefused() throws IOException {
    Path file = keyFile("0604", KEY_HEX);

    assertThatThrownBy(() -> GatewayKey.load(file))
        .hasMessage(
            "gateway key file "
                + file
                + ": readable by everyone (expected: chmod 600 or stricter)");
  }

  @Test
  void load_badContent_saysWhyWithoutShowingIt() throws IOException {
    String secretish = KEY_HEX.substring(0, 62) + "zz";
    Path file = keyFile("0600", secretish);

    assertThatThrownBy(() -> GatewayKey.load(file))
        .hasMessage(
            "gateway key file " + file + ": private key: not hex (expected: 64 hex characters)")
        .message()
        .doesNotContain(secretish.substring(0, 10));
    Path shortFile = keyFile("0600", "abc");
    assertThatThrownBy(() -> GatewayKey.load(shortFile))
        .hasMessage(
            "gateway key file "
                + shortFile
                + ": private key: 3 characters (expected: 64 hex characters)");
  }

  @Test
  void load_zeroOrOrderScalar_isRefused() throws IOException {
    Path zero = keyFile("0600", "0".repeat(64));
    assertThatThrownBy(() -> GatewayKey.load(zero))
        .hasMessage(
            "gateway key file "
                + zero
                + ": private key: out of range (expected: 1 <= scalar < secp256k1 order)");
    assertThatThrownBy(() -> PrivateKey.fromHex(Curve.N.toString(16)))
        .hasMessage("private key: out of range (expected: 1 <= scalar < secp256k1 order)");
  }

  @Test
  void load_missingFile_isRefusedWithItsName() {
    Path missing = dir.resolve("absent");

    assertThatThrownBy(() -> GatewayKey.load(missing))
        .hasMessageStartingWith("gateway key file " + missing + ": cannot be read");
  }

  @Test
  void publicKey_uncompressedOrOffCurve_isRefused() {
    assertThatThrownBy(() -> PublicKey.fromCompressed(new byte[65]))
        .hasMessage("public key: 65 bytes (expected: 33-byte compressed secp256k1 key)");
    byte[] badPrefix = new byte[33];
    badPrefix[0] = 0x04;
    assertThatThrownBy(() -> PublicKey.fromCompressed(badPrefix))
        .hasMessage("public key: prefix 0x04 (expected: 0x02 or 0x03)");
    byte[] offCurve = new byte[33];
    offCurve[0] = 0x02;
    offCurve[32] = 0x05; // x = 5: 5^3 + 7 = 132 is not a square mod p
    assertThatThrownBy(() -> PublicKey.fromCompressed(offCurve))
        .hasMessageEndingWith("(expected: a point on secp256k1)");
  }

  @Test
  void address_roundTripsAndRejectsCorruption() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      byte[] b = new byte[32];
      random.nextBytes(b);
      b[0] &= 0x7f;
      b[31] |= 1;
      PoktAddress address = PrivateKey.fromHex(HexFormat.of().formatHex(b)).address();
      assertThat(new PoktAddress(address.value())).isEqualTo(address);
      assertThat(address.value()).startsWith("pokt1").hasSize(43);
    }
    String valid = "pokt1mrqt5f7qh8uxs27cjm9t7v9e74a9vvdnq5jva4";
    assertThatThrownBy(() -> new PoktAddress(valid.replace("jva4", "jva5")))
        .hasMessage(
            "address: pokt1mrqt5f7qh8uxs27cjm9t7v9e74a9vvdnq5jva5 (expected: a bech32 pokt1..."
                + " address; bad checksum)");
    assertThatThrownBy(() -> new PoktAddress("cosmos1mrqt5f7qh8uxs27cjm9t7v9e74a9vvdnq5jva4"))
        .hasMessageStartingWith("address: cosmos1");
    assertThatThrownBy(() -> new PoktAddress(valid.toUpperCase()))
        .hasMessage("address: " + valid.toUpperCase() + " (expected: lower-case prefix \"pokt\")");
  }

  @Test
  void ringSignature_parse_isStrict() {
    byte[] sig = HexFormat.of().parseHex(PublishedVectorsTest.RING_SIGNATURE_1);

    assertThatThrownBy(() -> RingSignature.parse(java.util.Arrays.copyOf(sig, 198)))
        .hasMessage("ring signature: 198 bytes for a ring of 2 (expected: 199)");
    assertThatThrownBy(() -> RingSignature.parse(java.util.Arrays.copyOf(sig, 200)))
        .hasMessage("ring signature: 200 bytes for a ring of 2 (expected: 199)");
    byte[] highC = sig.clone();
    java.util.Arrays.fill(highC, 4, 36, (byte) 0xff);
    assertThatThrownBy(() -> RingSignature.parse(highC))
        .hasMessage("ring signature: c0 (expected: a scalar below the group order)");
    byte[] one = sig.clone();
    one[3] = 1;
    assertThatThrownBy(() -> RingSignature.parse(one))
        .hasMessage("ring signature: ring size 1 (expected: 2..64)");
  }

  @Test
  void ringSigner_signerOutsideTheRing_isRefused() {
    PrivateKey a = PrivateKey.fromHex("%064x".formatted(5));
    PrivateKey b = PrivateKey.fromHex("%064x".formatted(6));
    PrivateKey c = PrivateKey.fromHex("%064x".formatted(7));

    assertThatThrownBy(
            () ->
                RingSigner.sign(
                    new byte[32],
                    java.util.List.of(a.publicKey(), b.publicKey()),
                    c,
                    new SplittableRandom(1)))
        .hasMessage(
            "ring: signer " + c.address() + " is not in the ring (expected: one of its keys)");
    assertThatThrownBy(
            () ->
                RingSigner.sign(
                    new byte[32],
                    java.util.List.of(a.publicKey(), a.publicKey()),
                    a,
                    new SplittableRandom(1)))
        .hasMessage("ring: duplicate keys (expected: distinct keys)");
  }

  @Test
  void hashToScalar_shortReduction_isLeftAligned() {
    // Search inputs until the reduced hash is shorter than 32 bytes, then check the shift.
    for (int i = 0; i < 100_000; i++) {
      byte[] in = ("relay-msg-" + i).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
      java.math.BigInteger reduced = new java.math.BigInteger(1, Curve.sha3_512(in)).mod(Curve.N);
      int bytes = (reduced.bitLength() + 7) / 8;
      if (bytes < 32) {
        assertThat(RingSigner.hashToScalar(in)).isEqualTo(reduced.shiftLeft(8 * (32 - bytes)));
        return;
      }
      assertThat(RingSigner.hashToScalar(in)).isEqualTo(reduced);
    }
    throw new AssertionError("no short reduction in 100000 inputs");
  }

  private Path keyFile(String mode, String content) throws IOException {
    Path file = Files.createTempFile(dir, "key", ".hex");
    Files.writeString(file, content);
    String perms =
        switch (mode) {
          case "0600" -> "rw-------";
          case "0640" -> "rw-r-----";
          case "0604" -> "rw----r--";
          default -> throw new IllegalArgumentException(mode);
        };
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(perms));
    return file;
  }
}
