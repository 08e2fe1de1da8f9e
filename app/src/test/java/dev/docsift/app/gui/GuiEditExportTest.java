package dev.docsift.app.gui;

import static dev.docsift.app.gui.GuiHarness.await;
import static dev.docsift.app.gui.GuiHarness.fx;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.docsift.app.gui.export.ExportRequest;
import dev.docsift.app.gui.queue.DocumentItem;
import dev.docsift.core.export.ExportFormat;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.Sample;
import dev.docsift.samples.SampleGenerator;
import dev.docsift.schemas.SchemaCatalog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * A value corrected in the form is checked against the schema as it is typed in, shows in the raw
 * JSON, and is what the export writes; an invalid correction is never exported.
 */
class GuiEditExportTest extends GuiHarness.OcrWindowTest {
  private static final long SEED = SampleGenerator.seedFor(11, DocumentType.RECEIPT, 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void anEditedValueIsValidatedAndExported() throws Exception {
    Path pdf = dir.resolve("receipt.pdf");
    Sample sample = GuiHarness.receipt(pdf, SEED);
    String read = sample.truth().get("total").asText();
    gui.drop(pdf);
    await("one row", 10, () -> gui.window.queue().items().size() == 1);
    DocumentItem item = gui.item("receipt.pdf");
    assertThat(gui.awaitEnd(item, 120)).isEqualTo(DocumentItem.State.DONE);
    await("the form shows the total", 10, () -> gui.window.form().field("/total").isPresent());
    TextField total = fx(() -> gui.window.form().field("/total").orElseThrow());

    // An amount with a decimal comma breaks the schema's pattern: said at once, next to the field.
    type(robot, total, "12,5");
    await(
        "the violation shows",
        5,
        () -> gui.window.form().violation("/total").contains("two decimals"));
    assertThat(fx(() -> total.getStyleClass())).contains("invalid");
    assertThat(fx(() -> item.review().valid())).isFalse();

    // ... and such a document is not exported.
    Path out = dir.resolve("out");
    gui.dialogs.export = new ExportRequest(false, ExportFormat.JSON, false, out);
    robot.clickOn("#export");
    await(
        "the export is refused",
        5,
        () -> gui.window.statusProperty().get().startsWith("Not exported"));
    assertThat(out).doesNotExist();

    // A valid correction clears the violation and shows in the raw JSON.
    type(robot, total, "99.99");
    await("the violation clears", 5, () -> gui.window.form().violation("/total").isEmpty());
    assertThat(fx(() -> total.getStyleClass())).doesNotContain("invalid").contains("edited");
    robot.clickOn("#tab-json");
    assertThat(fx(() -> gui.window.json().text())).contains("\"total\" : \"99.99\"");

    // The export writes the corrected data, its provenance and the correction's note.
    robot.clickOn("#export");
    await("the export is written", 20, () -> gui.window.statusProperty().get().startsWith("Wrote"));
    JsonNode envelope = JSON.readTree(out.resolve("receipt.json").toFile());
    assertThat(envelope.at("/data/total").asText()).isEqualTo("99.99");
    assertThat(SchemaCatalog.shipped().get("receipt").validate(envelope.get("data"))).isEmpty();
    JsonNode field = field(envelope, "/total");
    assertThat(field.get("value").asText()).isEqualTo("99.99");
    assertThat(field.get("confidence").asDouble()).isEqualTo(1.0);
    assertThat(field.get("text").asText()).as("what OCR read stays").contains(read.substring(0, 2));
    assertThat(envelope.get("warnings").toString())
        .contains("total: corrected by hand (read as " + read + ")");
    assertThat(envelope.at("/data/tax").asText()).isEqualTo(sample.truth().get("tax").asText());

    // A second export never replaces the first.
    robot.clickOn("#export");
    await("a second file", 20, () -> Files.exists(out.resolve("receipt-1.json")));
    assertThat(JSON.readTree(out.resolve("receipt.json").toFile())).isEqualTo(envelope);

    // CSV and JSON Lines carry the correction too.
    Path csv = dir.resolve("csv");
    gui.dialogs.export = new ExportRequest(true, ExportFormat.CSV, false, csv);
    robot.clickOn("#export");
    await("the CSV is written", 20, () -> Files.exists(csv.resolve("results.csv")));
    List<String> rows = Files.readAllLines(csv.resolve("results.csv"));
    assertThat(rows).hasSize(2);
    assertThat(rows.get(1)).contains(",99.99,");
    Path jsonl = dir.resolve("jsonl");
    gui.dialogs.export = new ExportRequest(false, ExportFormat.JSONL, true, jsonl);
    robot.clickOn("#export");
    await("the JSON Lines file is written", 20, () -> Files.exists(jsonl.resolve("results.jsonl")));
    List<String> lines = Files.readAllLines(jsonl.resolve("results.jsonl"));
    assertThat(lines).hasSize(1);
    assertThat(JSON.readTree(lines.get(0)).get("total").asText())
        .as("data only")
        .isEqualTo("99.99");
    try (Stream<Path> files = Files.list(jsonl)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly("results.jsonl");
    }

    // Typing the value read back undoes the correction.
    robot.clickOn("#tab-fields");
    type(robot, total, read);
    await("the correction is undone", 5, () -> !item.review().hasEdits());
    assertThat(fx(() -> gui.window.json().text())).contains("\"total\" : \"" + read + "\"");
  }

  @Test
  void anEditLeftByPickingAnotherDocumentStaysWithItsDocument() throws Exception {
    Path first = dir.resolve("first.pdf");
    Sample sample = GuiHarness.receipt(first, SEED);
    Path second = Files.copy(first, dir.resolve("second.pdf"));
    gui.drop(first, second);
    await("two rows", 10, () -> gui.window.queue().items().size() == 2);
    DocumentItem a = gui.item("first.pdf");
    DocumentItem b = gui.item("second.pdf");
    assertThat(gui.awaitEnd(a, 120)).isEqualTo(DocumentItem.State.DONE);
    assertThat(gui.awaitEnd(b, 120)).isEqualTo(DocumentItem.State.DONE);
    await("the form shows first.pdf", 10, () -> gui.window.form().field("/tax").isPresent());

    // Typed, not committed with Enter: picking the other document commits it where it was typed.
    TextField tax = fx(() -> gui.window.form().field("/tax").orElseThrow());
    robot.clickOn(tax);
    GuiHarness.fxRun(tax::selectAll);
    robot.write("1.23");
    gui.select(b);

    await("first.pdf has the edit", 10, () -> a.review().text("/tax").equals("1.23"));
    assertThat(fx(() -> b.review().text("/tax"))).isEqualTo(sample.truth().get("tax").asText());
    assertThat(fx(() -> b.review().hasEdits())).isFalse();
    assertThat(fx(() -> a.detailProperty().get())).endsWith("edited");
  }

  /** Selects a field's text, types over it and presses Enter, as a user would. */
  private static void type(FxRobot robot, TextField field, String text) {
    robot.clickOn(field);
    GuiHarness.fxRun(field::selectAll);
    robot.write(text).push(KeyCode.ENTER);
  }

  private static JsonNode field(JsonNode envelope, String path) {
    for (JsonNode f : envelope.get("fields")) {
      if (f.get("path").asText().equals(path)) {
        return f;
      }
    }
    throw new AssertionError("no field " + path + " in " + envelope.get("fields"));
  }
}
