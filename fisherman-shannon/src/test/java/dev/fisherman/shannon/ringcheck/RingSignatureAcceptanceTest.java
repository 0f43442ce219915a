package dev.fisherman.shannon.ringcheck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.shannon.crypto.PrivateKey;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.crypto.RingSignature;
import dev.fisherman.shannon.crypto.RingSigner;
import dev.fisherman.shannon.ringcheck.IndependentRingVerifier.Alignment;
import dev.fisherman.shannon.ringcheck.IndependentRingVerifier.Verdict;
import java.math.BigInteger;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The signer against a verifier written independently from the protocol facts. A port that gets the
 * hash-to-scalar alignment wrong fails about 1 signature in 128 on a two-key ring, so a few dozen
 * round trips prove nothing: thousands are signed, and the search goes on until enough challenges
 * have landed on the short reduction where the alignment matters.
 */
class RingSignatureAcceptanceTest {

  private static final int SIGNATURES = 2_000;
  private static final int SHORT_SIGNATURES_WANTED = 16;
  private static final int MAX_SIGNATURES = 20_000;

  private final IndependentRingVerifier network =
      new IndependentRingVerifier(Alignment.LEFT_ALIGNED);
  private final IndependentRingVerifier zeroPadded =
      new IndependentRingVerifier(Alignment.ZERO_PADDED_ON_LEFT);

  @Test
  void signer_everySignatureAccepted_includingShortReductions() {
    SplittableRandom random = new SplittableRandom(0x5ca1ab1eL);
    Key[] keys = keys(random, 6);
    int signed = 0;
    int accepted = 0;
    int withShort = 0;
    int shortChallenges = 0;
    int zeroPaddedAccepted = 0;
    int ourVerifierAccepted = 0;
    while ((signed < SIGNATURES || withShort < SHORT_SIGNATURES_WANTED)
        && signed < MAX_SIGNATURES) {
      byte[] message = bytes(random, 32);
      Key application = keys[signed % keys.length];
      Key gateway = keys[(signed + 1 + signed / keys.length % 5) % keys.length];
      List<PublicKey> ring = List.of(application.publicKey(), gateway.publicKey());
      RingSignature signature = RingSigner.sign(message, ring, gateway.key(), random);
      byte[] encoded = signature.encode();

      Verdict verdict = network.verify(message, encoded);
      signed++;
      accepted += verdict.valid() ? 1 : 0;
      withShort += verdict.shortChallenges() > 0 ? 1 : 0;
      shortChallenges += verdict.shortChallenges();
      boolean zeroPaddedValid = zeroPadded.verify(message, encoded).valid();
      zeroPaddedAccepted += zeroPaddedValid ? 1 : 0;
      ourVerifierAccepted += RingSignature.parse(encoded).verify(message) ? 1 : 0;
      // A zero-padding verifier rejects exactly the signatures whose chain crosses a short value.
      assertThat(zeroPaddedValid)
          .as("zero-padded verdict for signature %d", signed)
          .isEqualTo(verdict.shortChallenges() == 0);
    }
    System.out.printf(
        "ring signatures: %d signed, %d accepted by the independent verifier, %d accepted by"
            + " RingSignature.verify; %d signatures crossed %d short challenges; a zero-padding"
            + " verifier accepted %d (rejected %.2f%%)%n",
        signed,
        accepted,
        ourVerifierAccepted,
        withShort,
        shortChallenges,
        zeroPaddedAccepted,
        100.0 * (signed - zeroPaddedAccepted) / signed);

    assertThat(signed).isGreaterThanOrEqualTo(SIGNATURES);
    assertThat(withShort).isGreaterThanOrEqualTo(SHORT_SIGNATURES_WANTED);
    assertThat(accepted).isEqualTo(signed);
    assertThat(ourVerifierAccepted).isEqualTo(signed);
    assertThat(zeroPaddedAccepted).isEqualTo(signed - withShort);
  }

  @Test
  void zeroPaddingSigner_failsTheNetworkRule() {
    SplittableRandom random = new SplittableRandom(0xdecafL);
    Key[] keys = keys(random, 6);
    ZeroPaddingSigner port = new ZeroPaddingSigner();
    int signed = 0;
    int rejected = 0;
    int rejectedByOurs = 0;
    int predicted = 0;
    while (signed < SIGNATURES) {
      byte[] message = bytes(random, 32);
      Key application = keys[signed % keys.length];
      Key gateway = keys[(signed + 1) % keys.length];
      ZeroPaddingSigner.Signed s =
          port.sign(
              message,
              List.of(application.publicKey().compressed(), gateway.publicKey().compressed()),
              gateway.scalar(),
              1,
              random);
      signed++;
      predicted += s.shortChallenges() > 0 ? 1 : 0;
      boolean networkAccepts = network.verify(message, s.signature()).valid();
      rejected += networkAccepts ? 0 : 1;
      rejectedByOurs += RingSignature.parse(s.signature()).verify(message) ? 0 : 1;
      // The port agrees with itself every time: its own round trip would never show the fault.
      assertThat(zeroPadded.verify(message, s.signature()).valid()).isTrue();
    }
    System.out.printf(
        "zero-padding signer: %d signed, %d rejected by the network rule (%.2f%%), %d rejected by"
            + " RingSignature.verify; %d had a short challenge%n",
        signed, rejected, 100.0 * rejected / signed, rejectedByOurs, predicted);

    assertThat(rejected).isPositive().isEqualTo(predicted).isEqualTo(rejectedByOurs);
  }

  /** A private key and its scalar, which the negative-control signer needs. */
  private record Key(PrivateKey key, BigInteger scalar) {
    PublicKey publicKey() {
      return key.publicKey();
    }
  }

  private static Key[] keys(SplittableRandom random, int count) {
    Key[] keys = new Key[count];
    for (int i = 0; i < count; i++) {
      String hex = HexFormat.of().formatHex(bytes(random, 32));
      keys[i] = new Key(PrivateKey.fromHex(hex), new BigInteger(hex, 16));
    }
    return keys;
  }

  private static byte[] bytes(SplittableRandom random, int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }
}
