package org.peerflow.deployment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A form whose values the engine could not store is refused before it reaches the Tasklist. */
class FormValueStorageTest {

  static final byte[] CHECKLIST_FORM = """
      {"id": "role", "type": "default", "schemaVersion": 16, "components": [
        {"type": "checklist", "id": "Field_keyFunctions", "key": "keyFunctions", "label": "Key functions",
         "values": [{"label": "Navigator", "value": "navigator"}]}]}
      """.getBytes(StandardCharsets.UTF_8);

  private final ModelValidator.FormSchemaCheck check = new ModelValidator.FormSchemaCheck();

  @Test
  void aChecklistNeedsAnEngineThatStoresJsonValues() {
    assertThatThrownBy(() -> check.check("forms/role.form", CHECKLIST_FORM, false))
        .isInstanceOf(ModelRefusedException.class)
        .hasMessageContaining("forms/role.form")
        .hasMessageContaining("checklist Field_keyFunctions (\"keyFunctions\")")
        .hasMessageContaining("type Json");
  }

  @Test
  void withSpinsJsonDataFormatTheChecklistIsAccepted() {
    assertThat(check.check("forms/role.form", CHECKLIST_FORM, true)).isEqualTo("role");
  }
}
