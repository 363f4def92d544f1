package org.peerflow.modeler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The web modeler's Check lints with the rules the build lints processes/ with (ModelLintIT): the
 * browser bundle is packed from its own copy of the configuration, which must not drift.
 */
class ModelerLintRulesTest {

  @Test
  void theBrowserLintsWithTheRulesOfTheBuild() {
    assertThat(Path.of("src/main/modeler/lint/.bpmnlintrc"))
        .hasSameTextualContentAs(Path.of(".bpmnlintrc"));
  }
}
