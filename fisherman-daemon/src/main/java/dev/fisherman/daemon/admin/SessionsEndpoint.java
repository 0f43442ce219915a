package dev.fisherman.daemon.admin;

import dev.fisherman.core.probe.Observation;
import dev.fisherman.core.reputation.ServicerReputation;
import dev.fisherman.core.store.ServicerDetail;
import dev.fisherman.core.store.SessionReport;
import dev.fisherman.core.store.SessionStore;
import dev.fisherman.daemon.api.ServicerSessions;
import dev.fisherman.daemon.api.Session;
import dev.fisherman.daemon.api.SessionSummary;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.stream.ChunkedNioFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Read views of sessions and of servicers, straight from the session store. */
final class SessionsEndpoint {
  static final String NDJSON = "application/x-ndjson";

  /** Bytes read from an export file per chunk. */
  static final int FILE_CHUNK_BYTES = 64 * 1024;

  private final SessionStore store;
  private final Function<String, Optional<ServicerReputation>> reputation;
  private final Function<String, Optional<Path>> exportFiles;
  private final Function<String, Optional<List<Observation>>> journal;

  SessionsEndpoint(
      SessionStore store,
      Function<String, Optional<ServicerReputation>> reputation,
      Function<String, Optional<Path>> exportFiles,
      Function<String, Optional<List<Observation>>> journal) {
    this.reputation = reputation;
    this.exportFiles = exportFiles;
    this.journal = journal;
    this.store = store;
  }

  /** {@code GET /v1/sessions}: every retained session, newest first. */
  AdminResponse list(AdminRequest request) {
    return AdminResponse.ok(store.sessions().stream().map(SessionSummary::of).toList());
  }

  /** {@code GET /v1/sessions/{id}}. */
  AdminResponse session(AdminRequest request) {
    String id = request.param(0);
    Optional<SessionReport> report = store.session(id);
    if (report.isEmpty()) {
      return unknownSession(id);
    }
    return AdminResponse.ok(Session.of(report.get()));
  }

  /** {@code GET /v1/sessions/{id}/servicers/{address}}. */
  AdminResponse servicerInSession(AdminRequest request) {
    String id = request.param(0);
    String address = request.param(1);
    Optional<ServicerDetail> detail = store.servicer(id, address);
    if (detail.isPresent()) {
      return AdminResponse.ok(dev.fisherman.daemon.api.ServicerDetail.of(detail.get()));
    }
    if (store.session(id).isEmpty()) {
      return unknownSession(id);
    }
    return AdminResponse.error(
        HttpResponseStatus.NOT_FOUND,
        "address: " + Quote.of(address) + " (expected: a servicer of session " + Quote.of(id) + ")",
        Optional.of("address"));
  }

  /**
   * {@code GET /v1/sessions/{id}/observations}: NDJSON (the report, then one observation per line),
   * streamed: the session's export file as it is on disk when there is one, else the session's
   * report now and the observations the journal kept (a running session's so far).
   */
  AdminResponse observations(AdminRequest request) {
    String id = request.param(0);
    Optional<Path> file = exportFiles.apply(id);
    if (file.isPresent()) {
      try {
        FileChannel channel = FileChannel.open(file.get(), StandardOpenOption.READ);
        try {
          return AdminResponse.stream(NDJSON, new ChunkedNioFile(channel, FILE_CHUNK_BYTES));
        } catch (IOException | RuntimeException e) {
          channel.close();
          throw e;
        }
      } catch (NoSuchFileException e) {
        // Deleted by the caps just now: as if it had never been there.
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Optional<SessionReport> report = store.session(id);
    Optional<List<Observation>> kept = report.isPresent() ? journal.apply(id) : Optional.empty();
    if (kept.isPresent()) {
      return AdminResponse.stream(NDJSON, new ObservationStream(report.get(), kept.get()));
    }
    return AdminResponse.error(
        HttpResponseStatus.NOT_FOUND,
        "session_id: "
            + Quote.of(id)
            + " (expected: a retained session with a recorded round whose observations are still"
            + " kept, or a finished session in the export directory)",
        Optional.of("session_id"));
  }

  /** {@code GET /v1/servicers/{address}}: that servicer in every retained session. */
  AdminResponse servicer(AdminRequest request) {
    String address = request.param(0);
    List<ServicerDetail> details = store.servicerAcrossSessions(address);
    Optional<ServicerReputation> standing = reputation.apply(address);
    if (details.isEmpty() && standing.isEmpty()) {
      return AdminResponse.error(
          HttpResponseStatus.NOT_FOUND,
          "address: "
              + Quote.of(address)
              + " (expected: a servicer of a retained session or one the reputation remembers)",
          Optional.of("address"));
    }
    return AdminResponse.ok(ServicerSessions.of(address, standing, details));
  }

  private static AdminResponse unknownSession(String id) {
    return AdminResponse.error(
        HttpResponseStatus.NOT_FOUND,
        "session_id: " + Quote.of(id) + " (expected: a retained session)",
        Optional.of("session_id"));
  }
}
