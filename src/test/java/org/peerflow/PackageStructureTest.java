package org.peerflow;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Each package of org.peerflow can be read and changed without the ones that depend on it. ArchUnit
 * reads the compiled classes: a compile-time constant of another package is copied into the class
 * that uses it and leaves no trace, so keep such a constant in the package that owns the concept.
 */
class PackageStructureTest {

  private static final JavaClasses PEERFLOW = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("org.peerflow");

  @Test
  void thePackagesFormNoCycle() {
    slices().matching("org.peerflow.(*)..").should().beFreeOfCycles().check(PEERFLOW);
  }
}
