package org.peerflow.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One person a case names: the process variable that holds the user id (or ids) and the group the
 * person must belong to. A diagram declares its case people in the process extension property
 * {@code peerflow.case-people}, e.g. {@code supervisorId:supervisors, supportingPeer:peer-specialists}
 * (README, "Access model"); {@link DeclaredProcess#casePeople()} reads it. These people, and no one
 * else of their group, work on and read the case.
 */
public record CasePerson(String variable, String groupId) {

  /**
   * @throws IllegalArgumentException naming the entry that is not {@code variable:group}
   */
  static List<CasePerson> parse(String declared) {
    List<CasePerson> people = new ArrayList<>();
    if (declared == null || declared.isBlank()) {
      return people;
    }
    for (String entry : declared.split(",")) {
      String[] parts = entry.trim().split(":");
      if (parts.length != 2
          || parts[0].isBlank()
          || parts[1].isBlank()
          || !parts[0].trim().matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException(
            "'" + entry.trim() + "' in " + DeclaredProcess.CASE_PEOPLE
                + " is not 'variable:group' (for example 'supervisorId:supervisors')");
      }
      people.add(new CasePerson(parts[0].trim(), parts[1].trim()));
    }
    return List.copyOf(people);
  }
}
