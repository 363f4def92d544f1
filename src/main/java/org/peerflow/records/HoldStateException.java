package org.peerflow.records;

/** A hold on a case already held, or a lift of a hold that is not there (HTTP 409). */
class HoldStateException extends RuntimeException {

  HoldStateException(String message) {
    super(message);
  }
}
