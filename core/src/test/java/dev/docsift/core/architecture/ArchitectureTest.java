package dev.docsift.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layering of ARCHITECTURE.md, checked: everything below the app module. */
class ArchitectureTest {
  private static JavaClasses classes;

  @BeforeAll
  static void importClasses() {
    classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.docsift");
  }

  @Test
  void nothingBelowAppUsesJavaFx() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("javafx..")
        .because("JavaFX belongs to the app module alone")
        .check(classes);
  }

  @Test
  void errorCodesAreTheBottomLayer() {
    noClasses()
        .that()
        .resideInAPackage("dev.docsift.errors..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.docsift.schemas..",
            "dev.docsift.vision..",
            "dev.docsift.slm..",
            "dev.docsift.core..",
            "dev.docsift.samples..")
        .because("every module's exceptions carry its codes, so it depends on none of them")
        .check(classes);
  }

  @Test
  void theProductKnowsNeitherTheBenchmarksNorTheSampleGenerator() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.docsift.errors..",
            "dev.docsift.core..",
            "dev.docsift.schemas..",
            "dev.docsift.slm..",
            "dev.docsift.vision..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.docsift.bench..", "dev.docsift.samples..")
        .because("the installed package holds neither: they come with a build from source")
        .check(classes);
  }

  @Test
  void schemasKnowNothingOfCore() {
    noClasses()
        .that()
        .resideInAPackage("dev.docsift.schemas..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.docsift.core..", "dev.docsift.samples..")
        .check(classes);
  }

  @Test
  void slmEngineKnowsNothingOfPdfsOrCore() {
    noClasses()
        .that()
        .resideInAPackage("dev.docsift.slm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.docsift.core..",
            "dev.docsift.samples..",
            "dev.docsift.vision..",
            "org.apache.pdfbox..",
            "net.sourceforge.tess4j..")
        .check(classes);
  }

  @Test
  void visionEncoderKnowsNothingOfPdfsTextOrTheDecoder() {
    noClasses()
        .that()
        .resideInAPackage("dev.docsift.vision..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.docsift.core..",
            "dev.docsift.slm..",
            "dev.docsift.schemas..",
            "dev.docsift.samples..",
            "org.apache.pdfbox..",
            "net.sourceforge.tess4j..")
        .check(classes);
  }

  @Test
  void domainRecordsDependOnNoStage() {
    noClasses()
        .that()
        .resideInAPackage("dev.docsift.core.model..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "dev.docsift.core.intake..",
            "dev.docsift.core.ocr..",
            "dev.docsift.core.extract..",
            "dev.docsift.core.pipeline..",
            "dev.docsift.core.export..")
        .check(classes);
  }

  @Test
  void stagesDoNotReachIntoEachOther() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.docsift.core.intake..",
            "dev.docsift.core.ocr..",
            "dev.docsift.core.extract..",
            "dev.docsift.core.engine..",
            "dev.docsift.core.slm..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.docsift.core.pipeline..", "dev.docsift.core.export..")
        .because("stages are assembled by the pipeline, not the other way round")
        .check(classes);
  }

  @Test
  void corePackagesHaveNoCycles() {
    slices().matching("dev.docsift.core.(*)..").should().beFreeOfCycles().check(classes);
  }
}
