package org.peerflow.identity;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The workflow groups (README, "Who works in Peerflow"), by id, with their display names. */
public final class Groups {

  public static final String HR = "hr";
  static final String SUPERVISORS = "supervisors";
  static final String PEER_SPECIALISTS = "peer-specialists";
  static final String CLINICIANS = "clinicians";
  static final String PROCESS_OWNERS = "process-owners";
  /**
   * Operators fix incidents and jobs in Cockpit without reading case data (README, "Access model").
   * Not a workflow group: no Tasklist filter, no tasks.
   */
  static final String OPERATORS = "operators";

  static final String OPERATORS_NAME = "Operators";
  static final String SYSTEM_TYPE = "SYSTEM";

  /** Camunda's type for groups that do work, as opposed to SYSTEM (camunda-admin). */
  static final String TYPE = "WORKFLOW";

  /** id to name, in the order people see them (Admin, Tasklist filters). */
  static final Map<String, String> NAMES = names();

  private Groups() {}

  private static Map<String, String> names() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put(HR, "HR");
    names.put(SUPERVISORS, "Supervisors");
    names.put(PEER_SPECIALISTS, "Peer specialists");
    names.put(CLINICIANS, "Clinicians");
    names.put(PROCESS_OWNERS, "Process owners");
    return Collections.unmodifiableMap(names);
  }
}
