package org.peerflow.records;

/** The caller may not hold or export this case (HTTP 403). */
class AccessRefusedException extends RuntimeException {

  AccessRefusedException(String message) {
    super(message);
  }
}
