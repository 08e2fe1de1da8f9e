package dev.docsift.bench;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The benchmarks are command-line code: like the app's command line, they never load the window.
 */
class BenchArchitectureTest {
  @Test
  void theBenchmarksDoNotReachTheWindow() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.docsift.app.gui..", "javafx..")
        .because("docsift bench runs without a display, as the rest of the command line does")
        .check(
            new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.docsift.bench"));
  }
}
