package dev.fisherman.daemon.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.fisherman.shannon.crypto.PublicKey;
import dev.fisherman.shannon.crypto.SupplierSignatures;
import dev.fisherman.shannon.wire.Signables;
import dev.fisherman.shannon.wire.proto.RelayResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code fisherman verify-export FILE}: checks every supplier signature a session export keeps,
 * from the file alone: the key is the servicer's (its address), the signature verifies over the
 * signed bytes, and the signed bytes name the exported session.
 */
@Command(
    name = "verify-export",
    mixinStandardHelpOptions = true,
    description = {
      "Checks again who answered the signed (Shannon) probes of a session export: for each"
          + " observation with a signature, that its public key is the servicer's address, that"
          + " the signature is a valid low-S secp256k1 signature over SHA-256(SHA-256(signed"
          + " bytes)), and that the signed RelayResponse names the exported session.",
      "Prints one line per failure and a summary."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {
      "0:every signature verified",
      "1:at least one signature failed",
      "2:the file cannot be read or is not a session export"
    })
final class VerifyExportCommand implements Callable<Integer> {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", description = "A session export (<session_id>.ndjson).")
  Path file;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("verify-export: " + file + ": cannot be read (" + e.getMessage() + ")");
      return 2;
    }
    if (lines.isEmpty()) {
      err.println("verify-export: " + file + ": empty (expected: a session export)");
      return 2;
    }
    String sessionId;
    try {
      sessionId = JSON.readTree(lines.get(0)).path("session_id").asText("");
    } catch (IOException e) {
      err.println("verify-export: " + file + ":1: not JSON (expected: the session report)");
      return 2;
    }
    if (sessionId.isEmpty()) {
      err.println("verify-export: " + file + ":1: no session_id (expected: the session report)");
      return 2;
    }
    int verified = 0;
    int failed = 0;
    int unsigned = 0;
    for (int i = 1; i < lines.size(); i++) {
      JsonNode o;
      try {
        o = JSON.readTree(lines.get(i));
      } catch (IOException e) {
        err.println("verify-export: " + file + ":" + (i + 1) + ": not JSON");
        return 2;
      }
      JsonNode signature = o.get("signature");
      if (signature == null || signature.isNull()) {
        unsigned++;
        continue;
      }
      String servicer = o.path("servicer").asText("");
      String why = check(servicer, sessionId, signature);
      if (why == null) {
        verified++;
      } else {
        failed++;
        out.printf(
            Locale.ROOT,
            "line %d: servicer %s round %d: %s%n",
            i + 1,
            servicer,
            o.path("round").asInt(-1),
            why);
      }
    }
    out.printf(
        Locale.ROOT,
        "%s: session %s: %d signed answers verified, %d failed, %d observations unsigned%n",
        file.getFileName(),
        sessionId,
        verified,
        failed,
        unsigned);
    out.flush();
    return failed == 0 ? 0 : 1;
  }

  /** Why the signature fails, or null when it verifies. */
  static String check(String servicer, String sessionId, JsonNode signature) {
    HexFormat hex = HexFormat.of();
    PublicKey key;
    byte[] signed;
    byte[] sig;
    try {
      key = PublicKey.fromHex(signature.path("public_key").asText(""));
      signed = hex.parseHex(signature.path("signed_bytes").asText(""));
      sig = hex.parseHex(signature.path("signature").asText(""));
    } catch (IllegalArgumentException e) {
      return "unreadable signature (" + e.getMessage() + ")";
    }
    if (!key.address().value().equals(servicer)) {
      return "public key of " + key.address() + " (expected: the servicer's)";
    }
    if (!SupplierSignatures.verify(key, Signables.sha256(signed), sig)) {
      return "signature does not verify over the signed bytes";
    }
    String signedSession;
    try {
      signedSession = RelayResponse.parseFrom(signed).getMeta().getSessionHeader().getSessionId();
    } catch (IOException e) {
      return "signed bytes are not a RelayResponse";
    }
    if (!signedSession.equals(sessionId)) {
      return "signed for session " + signedSession + " (expected: " + sessionId + ")";
    }
    return null;
  }
}
