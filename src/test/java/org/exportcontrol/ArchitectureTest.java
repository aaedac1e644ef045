package org.exportcontrol;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, checked on the compiled main code: no cycle between
 * packages, {@code config} is configuration that no feature imports and that imports no feature,
 * and licenses depend on applications, never the other way round.
 */
class ArchitectureTest {

  static final String[] FEATURES = {"..application..", "..screening..", "..review..", "..license..", "..misuse..",
      "..notification..", "..identity..", "..deployment..", "..cancellation..", "..idempotency..", "..casefile..", "..document..",
      "..statistics..", "..appeal.."};

  static JavaClasses main;

  @BeforeAll
  static void importMainCode() {
    // the compiled main code only (the tests run from the project root): a classpath scan takes seconds
    main = new ClassFileImporter().importPath(Path.of("target", "classes"));
  }

  @Test
  void noPackageDependsOnAnotherThatDependsBackOnIt() {
    slices().matching("org.exportcontrol.(*)..").should().beFreeOfCycles().check(main);
  }

  @Test
  void noFeatureImportsConfiguration() {
    noClasses().that().resideInAnyPackage(FEATURES).should().dependOnClassesThat()
        .resideInAPackage("org.exportcontrol.config..").check(main);
  }

  @Test
  void configurationImportsNoFeature() {
    noClasses().that().resideInAPackage("org.exportcontrol.config..").should().dependOnClassesThat()
        .resideInAnyPackage(FEATURES).check(main);
  }

  @Test
  void applicationsKnowNothingOfLicenses() {
    noClasses().that().resideInAPackage("org.exportcontrol.application..").should().dependOnClassesThat()
        .resideInAPackage("org.exportcontrol.license..").check(main);
  }
}
