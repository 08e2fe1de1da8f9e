package dev.docsift.app.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.watch.FolderWatcher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app module's layering: JavaFX stays in the window's packages; the command line never loads
 * the window; the window's logic (service, settings, review, pages) knows neither, so tests drive
 * it without the JavaFX thread; the window reaches the pipeline through the service alone; the app
 * knows neither the benchmarks nor the sample generator, which are not part of the installed app.
 */
class AppArchitectureTest {
  private static final String GUI = "dev.docsift.app.gui..";
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.docsift.app");
  }

  @Test
  void javaFxStaysInTheWindowsPackages() {
    noClasses()
        .that()
        .resideOutsideOfPackage(GUI)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..", "com.sun.javafx..", "com.sun.glass..")
        .because("only the window may load JavaFX; the command line runs without it")
        .check(classes);
  }

  @Test
  void theCommandLineDoesNotReachTheWindow() {
    noClasses()
        .that()
        .resideInAPackage("dev.docsift.app.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage(GUI)
        .because("docsift gui reaches the window through the GuiLauncher seam")
        .check(classes);
  }

  @Test
  void theWindowsLogicKnowsNeitherTheWindowNorTheCommandLine() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.docsift.app.service..",
            "dev.docsift.app.settings..",
            "dev.docsift.app.review..",
            "dev.docsift.app.pages..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(GUI, "dev.docsift.app.cli..")
        .check(classes);
  }

  @Test
  void theAppKnowsNeitherTheBenchmarksNorTheSampleGenerator() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.docsift.bench..", "dev.docsift.samples..")
        .because(
            "the installed package holds the product alone; docsift bench comes from the bench"
                + " module, in a build from source, through a CommandPlugin")
        .check(classes);
  }

  @Test
  void theWindowReachesThePipelineThroughTheService() {
    noClasses()
        .that()
        .resideInAPackage(GUI)
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(Pipeline.class, FolderWatcher.class)
        .because("controllers use DocumentService and WatchService, which tests can drive")
        .check(classes);
  }

  @Test
  void theWindowsFeaturesHaveNoCycles() {
    slices().matching("dev.docsift.app.gui.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void appPackagesHaveNoCycles() {
    slices().matching("dev.docsift.app.(*)..").should().beFreeOfCycles().check(classes);
  }
}
