package dev.fisherman.daemon.source.cometbft;

/** A node reply that does not have the shape fisherman relies on; the message names the field. */
final class NodeReplyException extends Exception {
  NodeReplyException(String message) {
    super(message);
  }
}
