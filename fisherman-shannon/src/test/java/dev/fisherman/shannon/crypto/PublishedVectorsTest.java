package dev.fisherman.shannon.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fisherman.shannon.wire.Signables;
import dev.fisherman.shannon.wire.proto.RelayResponse;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Known answers published with pokt-network/pocket-relay-miner {@code examples/relay-signing}: the
 * worked key example of its README, and the response vectors and captured Go ring signatures pinned
 * in {@code rust/src/verify.rs} (commit 642f070), all produced by the real Go libraries (cosmos-sdk
 * secp256k1, poktroll types, ring-go).
 */
class PublishedVectorsTest {

  private static final HexFormat HEX = HexFormat.of();

  // README "The keys are just secp256k1 keys": private key -> public key -> address.
  private static final String APP_PRIV =
      "2d00ef074d9b51e46886dc9a1df11e7b986611d0f336bdcf1f0adce3e037ec0a";
  private static final String APP_PUB =
      "0397896e9b106df70124a856861cc9be52fac9980e2c7a118a36c19d0198692cc5";
  private static final String APP_ADDRESS = "pokt1mrqt5f7qh8uxs27cjm9t7v9e74a9vvdnq5jva4";

  // oracle/main.go gwPrivHex; its public key is ring member 1 of the captured signatures below.
  private static final String GATEWAY_PRIV =
      "1a11ef074d9b51e46886dc9a1df11e7b986611d0f336bdcf1f0adce3e037ab11";
  private static final String GATEWAY_PUB =
      "02bbbf99abdcddac27350bca272d7146187c091aacfc1c6f90819c9b6daf4fe846";

  // oracle/response.go supplierPrivHex; verify.rs SUPPLIER_PUB_HEX.
  private static final String SUPPLIER_PRIV =
      "4f3edf983ac636a65a842ce7c78d9aa706d3b113b37e0e6a3c0f7c7a1e6a41c0";
  private static final String SUPPLIER_PUB =
      "027bab07fac0ca93a67730cb78a32bf5fac835c1e5aed5d1eb42c2e6f22d244c18";

  static final String RELAY_RESPONSE =
      "0ac5010a80010a2b706f6b74316d7271743566377168387578733237636a6d397437763965373461397676646e71356a766134120b6578616d706c652d7376631a40303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030312064286e124028335fe99abfcb3c9a50b4805c4f9a712b87f3a5ef954398744e19bb11d961852dc133b79764dd72615f22ab4642e414c58246db0baa39567624c5a06353e045129b0108c80112300a0c436f6e74656e742d5479706512200a0c436f6e74656e742d5479706512106170706c69636174696f6e2f6a736f6e12380a0e582d4261636b656e642d4e6f646512260a0e582d4261636b656e642d4e6f646512096578616d706c652d3112096578616d706c652d321a2a7b226a736f6e727063223a22322e30222c226964223a312c22726573756c74223a22307831323334227d222017cef5e79a31043ba4e4cf79c0e1d8c183ebee74b01c8371b0c42ed678d3d31c";
  private static final String SIGNABLE_BYTES =
      "0a83010a80010a2b706f6b74316d7271743566377168387578733237636a6d397437763965373461397676646e71356a766134120b6578616d706c652d7376631a40303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030303030312064286e222017cef5e79a31043ba4e4cf79c0e1d8c183ebee74b01c8371b0c42ed678d3d31c";
  private static final String RESPONSE_SIGNATURE =
      "28335fe99abfcb3c9a50b4805c4f9a712b87f3a5ef954398744e19bb11d961852dc133b79764dd72615f22ab4642e414c58246db0baa39567624c5a06353e045";
  private static final String PAYLOAD_HASH =
      "17cef5e79a31043ba4e4cf79c0e1d8c183ebee74b01c8371b0c42ed678d3d31c";
  private static final String ECDSA_MESSAGE_HASH =
      "d814b99c260ed805227c22b96be72a3e2df6ca509f35eb1385794b6744369867";

  // Two genuine ring-go signatures by the gateway key, ring [app, gateway], over this message.
  static final byte[] RING_MESSAGE =
      "pocket-relay-signable-hash-32byt".getBytes(StandardCharsets.US_ASCII);
  static final String RING_SIGNATURE_1 =
      "0000000226d0aa3b1906d50dd40974e0caf6fcdd48215e93c7caaf364259c5eb7ef6f9bc02c82a2efdba0348c63e87377a0fb0d882a4fc696744aec6b6991bcbe1b2364536322d37bdd9457bc2517ccfaec1b84a99e9a47c9b304d0e3fb9809caeccaaaac10397896e9b106df70124a856861cc9be52fac9980e2c7a118a36c19d0198692cc553e6e84566d0b9c8f6a5fcb96e81a5f25bda97396175511a5de90c32b1b0cdb802bbbf99abdcddac27350bca272d7146187c091aacfc1c6f90819c9b6daf4fe846";
  static final String RING_SIGNATURE_2 =
      "000000024a192f1d3655fca9d5e6750e69a2184268460eb34c51a1d65df541b00d39c54b02c82a2efdba0348c63e87377a0fb0d882a4fc696744aec6b6991bcbe1b23645368d1ac164c486ed3531f9337333616acab01a60a5a84160a4e22854c584a2d3600397896e9b106df70124a856861cc9be52fac9980e2c7a118a36c19d0198692cc537c259678b4e36f03f6fc44ae54e86a262fe5dd242abe75fe118b512a2499a2502bbbf99abdcddac27350bca272d7146187c091aacfc1c6f90819c9b6daf4fe846";

  @Test
  void key_readmeExample_derivesPublishedPublicKeyAndAddress() {
    PrivateKey key = PrivateKey.fromHex(APP_PRIV);

    assertThat(key.publicKey().hex()).isEqualTo(APP_PUB);
    assertThat(key.address().value()).isEqualTo(APP_ADDRESS);
    assertThat(PublicKey.fromHex(APP_PUB).address()).isEqualTo(new PoktAddress(APP_ADDRESS));
  }

  @Test
  void key_oracleGatewayAndSupplierKeys_derivePublishedPublicKeys() {
    assertThat(PrivateKey.fromHex(GATEWAY_PRIV).publicKey().hex()).isEqualTo(GATEWAY_PUB);
    assertThat(PrivateKey.fromHex(SUPPLIER_PRIV).publicKey().hex()).isEqualTo(SUPPLIER_PUB);
  }

  @Test
  void response_signableBytes_matchGoMarshalling() throws Exception {
    RelayResponse response = Signables.parseResponse(HEX.parseHex(RELAY_RESPONSE));

    assertThat(HEX.formatHex(Signables.responseSignableBytes(response))).isEqualTo(SIGNABLE_BYTES);
    assertThat(HEX.formatHex(Signables.sha256(Signables.responseHash(response))))
        .isEqualTo(ECDSA_MESSAGE_HASH);
    assertThat(HEX.formatHex(response.getMeta().getSupplierOperatorSignature().toByteArray()))
        .isEqualTo(RESPONSE_SIGNATURE);
    assertThat(HEX.formatHex(Signables.sha256(response.getPayload().toByteArray())))
        .isEqualTo(PAYLOAD_HASH);
    // Our canonical marshalling reproduces the received bytes exactly.
    assertThat(HEX.formatHex(Signables.marshal(response))).isEqualTo(RELAY_RESPONSE);
  }

  @Test
  void response_publishedSignature_verifiesUnderSupplierKey() {
    byte[] digest = Signables.sha256(HEX.parseHex(SIGNABLE_BYTES));

    assertThat(
            SupplierSignatures.verify(
                PublicKey.fromHex(SUPPLIER_PUB), digest, HEX.parseHex(RESPONSE_SIGNATURE)))
        .isTrue();
  }

  @Test
  void response_publishedSignature_failsUnderAnotherKey() {
    byte[] digest = Signables.sha256(HEX.parseHex(SIGNABLE_BYTES));

    assertThat(
            SupplierSignatures.verify(
                PublicKey.fromHex(APP_PUB), digest, HEX.parseHex(RESPONSE_SIGNATURE)))
        .isFalse();
  }

  @Test
  void response_publishedSignature_failsForAFlippedHashByte() {
    byte[] digest = Signables.sha256(HEX.parseHex(SIGNABLE_BYTES));
    digest[7] ^= 0x01;

    assertThat(
            SupplierSignatures.verify(
                PublicKey.fromHex(SUPPLIER_PUB), digest, HEX.parseHex(RESPONSE_SIGNATURE)))
        .isFalse();
  }

  @Test
  void response_highSTwinOfPublishedSignature_isRefused() {
    byte[] digest = Signables.sha256(HEX.parseHex(SIGNABLE_BYTES));
    byte[] signature = HEX.parseHex(RESPONSE_SIGNATURE);
    BigInteger s = new BigInteger(1, java.util.Arrays.copyOfRange(signature, 32, 64));
    byte[] twin = signature.clone();
    System.arraycopy(Curve.scalar32(Curve.N.subtract(s)), 0, twin, 32, 32);

    // The twin is a valid ECDSA signature; only the low-S rule refuses it.
    org.bouncycastle.crypto.signers.ECDSASigner plain =
        new org.bouncycastle.crypto.signers.ECDSASigner();
    plain.init(
        false,
        new org.bouncycastle.crypto.params.ECPublicKeyParameters(
            PublicKey.fromHex(SUPPLIER_PUB).point(), Curve.DOMAIN));
    BigInteger r = new BigInteger(1, java.util.Arrays.copyOfRange(twin, 0, 32));
    assertThat(plain.verifySignature(Curve.sha256(digest), r, Curve.N.subtract(s))).isTrue();
    assertThat(SupplierSignatures.verify(PublicKey.fromHex(SUPPLIER_PUB), digest, twin)).isFalse();
  }

  @Test
  void response_ourDeterministicSigner_reproducesPublishedSignature() {
    byte[] digest = Signables.sha256(HEX.parseHex(SIGNABLE_BYTES));

    assertThat(HEX.formatHex(SupplierSignatures.sign(PrivateKey.fromHex(SUPPLIER_PRIV), digest)))
        .isEqualTo(RESPONSE_SIGNATURE);
  }

  @Test
  void ring_capturedGoSignatures_verifyAndShareTheGatewayKeyImage() {
    RingSignature first = RingSignature.parse(HEX.parseHex(RING_SIGNATURE_1));
    RingSignature second = RingSignature.parse(HEX.parseHex(RING_SIGNATURE_2));

    assertThat(first.verify(RING_MESSAGE)).isTrue();
    assertThat(second.verify(RING_MESSAGE)).isTrue();
    assertThat(first.ring())
        .containsExactly(PublicKey.fromHex(APP_PUB), PublicKey.fromHex(GATEWAY_PUB));
    assertThat(first.keyImage()).isEqualTo(second.keyImage());
    assertThat(HEX.formatHex(first.encode())).isEqualTo(RING_SIGNATURE_1);
    // The key image is x_gateway * H_p(P_gateway): our hash to curve agrees with ring-go's.
    PrivateKey gateway = PrivateKey.fromHex(GATEWAY_PRIV);
    assertThat(
            Curve.compress(RingSigner.hashToPoint(gateway.publicKey()).multiply(gateway.scalar())))
        .isEqualTo(first.keyImage());
  }

  @Test
  void ring_capturedGoSignature_failsForAnotherMessage() {
    byte[] other = RING_MESSAGE.clone();
    other[31] ^= 0x01;

    assertThat(RingSignature.parse(HEX.parseHex(RING_SIGNATURE_1)).verify(other)).isFalse();
  }
}
