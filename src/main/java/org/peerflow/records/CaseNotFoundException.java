package org.peerflow.records;

/** No process instance, running or in history, has this business key. */
class CaseNotFoundException extends RuntimeException {

  CaseNotFoundException(String businessKey) {
    super("PEERFLOW-REC-002 No case " + businessKey);
  }
}
