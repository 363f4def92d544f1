package org.peerflow.access;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.camunda.spin.json.SpinJsonNode;

/**
 * The user ids a case-people variable holds: one id (a select sends a String), a comma-separated
 * list, or a list (a checklist arrives from the Tasklist as Json).
 */
final class CasePeopleIds {

  private CasePeopleIds() {}

  static List<String> of(Object value) {
    List<String> ids = new ArrayList<>();
    if (value instanceof SpinJsonNode json && json.isArray()) {
      json.elements()
          .forEach(
              element -> add(ids, element.isString() ? element.stringValue() : element.toString()));
    } else if (value instanceof Collection<?> collection) {
      collection.forEach(element -> add(ids, element == null ? null : element.toString()));
    } else if (value != null) {
      for (String id : value.toString().split(",")) {
        add(ids, id);
      }
    }
    return ids;
  }

  private static void add(List<String> ids, String id) {
    if (id != null && !id.isBlank() && !ids.contains(id.trim())) {
      ids.add(id.trim());
    }
  }
}
