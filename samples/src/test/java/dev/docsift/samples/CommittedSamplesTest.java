package dev.docsift.samples;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The documents in {@code samples/documents} are what {@code GenerateSamples --seed 1 --dpi 200}
 * writes; when the generator changes, regenerate them (see documents/README.md).
 */
class CommittedSamplesTest {
  private static final Path DOCUMENTS = Path.of("documents");

  @ParameterizedTest
  @CsvSource({"RECEIPT,1", "RECEIPT,2", "RECEIPT,3", "INVOICE,1", "INVOICE,2"})
  void committedSampleIsASmallImageOnlyPdfWithValidTruthFromTheGenerator(
      DocumentType type, int number) throws Exception {
    String name = type.schemaId() + "-%03d".formatted(number);
    Path pdf = DOCUMENTS.resolve(name + ".pdf");
    JsonNode truth = new ObjectMapper().readTree(DOCUMENTS.resolve(name + ".json").toFile());

    assertThat(SchemaCatalog.shipped().get(type.schemaId()).validate(truth)).isEmpty();
    assertThat(truth)
        .isEqualTo(SampleGenerator.truth(type, SampleGenerator.seedFor(1, type, number - 1)));
    assertThat(Files.size(pdf)).isLessThan(400 * 1024L);
    try (PDDocument document = Loader.loadPDF(pdf.toFile())) {
      assertThat(document.getNumberOfPages()).isEqualTo(1);
      assertThat(document.getPage(0).getResources().getXObjectNames()).hasSize(1);
    }
  }
}
