package dev.fisherman.testkit;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;

/**
 * A self-signed certificate made with the JDK's keytool, and the server and client TLS contexts
 * built on it.
 */
public final class Tls {
  private static final char[] PASSWORD = "changeit".toCharArray();

  private final KeyStore keyStore;
  private final X509Certificate certificate;

  private Tls(KeyStore keyStore, X509Certificate certificate) {
    this.keyStore = keyStore;
    this.certificate = certificate;
  }

  /** A certificate valid for {@code subjectAltName}, e.g. {@code ip:127.0.0.1}. */
  public static Tls selfSigned(String subjectAltName) throws Exception {
    Path dir = Files.createTempDirectory("fisherman-tls");
    Path file = dir.resolve("servicer.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p =
        new ProcessBuilder(
                List.of(
                    keytool.toString(),
                    "-genkeypair",
                    "-alias",
                    "servicer",
                    "-keyalg",
                    "EC",
                    "-groupname",
                    "secp256r1",
                    "-dname",
                    "CN=servicer",
                    "-ext",
                    "san=" + subjectAltName,
                    "-validity",
                    "2",
                    "-storetype",
                    "PKCS12",
                    "-keystore",
                    file.toString(),
                    "-storepass",
                    new String(PASSWORD)))
            .redirectErrorStream(true)
            .start();
    String output = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(file)) {
      ks.load(in, PASSWORD);
    }
    Files.delete(file);
    Files.delete(dir);
    return new Tls(ks, (X509Certificate) ks.getCertificate("servicer"));
  }

  public SslContext server() throws Exception {
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keyStore, PASSWORD);
    return SslContextBuilder.forServer(kmf).build();
  }

  /** A client trusting only this certificate, host name verification on. */
  public SslContext client() throws Exception {
    return SslContextBuilder.forClient()
        .trustManager(certificate)
        .endpointIdentificationAlgorithm("HTTPS")
        .build();
  }
}
