package dev.docsift.core.slm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.docsift.core.DocsiftException;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.core.model.BBox;
import dev.docsift.core.model.FieldValue;
import dev.docsift.core.model.PageTiles;
import dev.docsift.core.pipeline.Cancellation;
import dev.docsift.core.pipeline.ExtractionResult;
import dev.docsift.core.pipeline.Pipeline;
import dev.docsift.core.pipeline.PipelineConfig;
import dev.docsift.core.pipeline.ProgressEvent;
import dev.docsift.core.pipeline.ProgressListener;
import dev.docsift.errors.ErrorCode;
import dev.docsift.samples.Degradation;
import dev.docsift.samples.DocumentType;
import dev.docsift.samples.SampleFiles;
import dev.docsift.samples.SampleGenerator;
import dev.docsift.samples.TextPages;
import dev.docsift.schemas.DocumentSchema;
import dev.docsift.schemas.SchemaCatalog;
import dev.docsift.slm.fixtures.TestFixtures;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackStore;
import dev.docsift.slm.pack.importer.TextModelImport;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The slm engine through the pipeline on generated scans, with the tiny random-weight InternVL
 * pack: the content is noise, so what is asserted is what the engine guarantees whatever the
 * weights — valid data, provenance, events, cancellation, pruning, the context budget, errors.
 */
class SlmEngineTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static Pipeline pipeline;

  @TempDir static Path shared;
  @TempDir Path dir;

  @BeforeAll
  static void open() throws Exception {
    assumeThat(
            Stream.of("/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib")
                .anyMatch(d -> Files.exists(Path.of(d, "libtesseract.so.5"))))
        .as("tesseract-ocr is not installed")
        .isTrue();
    pipeline = Pipeline.create(config(TinyInternVl.choice()));
  }

  @AfterAll
  static void close() {
    if (pipeline != null) {
      pipeline.close();
    }
  }

  private static PipelineConfig config(EngineChoice engine) {
    PipelineConfig d = PipelineConfig.defaults();
    return new PipelineConfig(d.intake(), d.ocr(), 1, engine);
  }

  private static Path sample(Path dir, DocumentType type, long seed) throws Exception {
    Path pdf = dir.resolve(type.name().toLowerCase() + "-" + seed + ".pdf");
    SampleFiles.writePdf(new SampleGenerator(Degradation.SCANNED).generate(type, seed), pdf);
    return pdf;
  }

  @Test
  void receiptsAndInvoicesComeOutValidWithProvenanceAndEvents() throws Exception {
    for (DocumentType type : DocumentType.values()) {
      DocumentSchema schema = SchemaCatalog.shipped().get(type.name().toLowerCase());
      Path pdf = sample(dir, type, 11);
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      ExtractionResult r = pipeline.process(pdf, schema, events::add, new Cancellation());

      assertThat(schema.validate(r.data())).isEmpty();
      assertThat(r.engine().name()).isEqualTo("slm");
      assertThat(r.engine().model()).isEqualTo("tiny-internvl");
      assertThat(r.engine().executionProvider()).isEqualTo("cpu");
      assertThat(r.timings().engineStages())
          .containsOnlyKeys("tiling", "encode", "prefill", "decode", "ground");
      assertThat(events).anyMatch(e -> e instanceof ProgressEvent.TilesEncoded);
      assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Generating);
      ProgressEvent.TilesEncoded tiles =
          (ProgressEvent.TilesEncoded)
              events.stream()
                  .filter(e -> e instanceof ProgressEvent.TilesEncoded)
                  .findFirst()
                  .get();
      assertThat(tiles.tiles()).isBetween(1, 7);
      assertThat(tiles.encoded()).isBetween(1, tiles.tiles());

      for (FieldValue f : r.fields()) {
        assertThat(r.data().at(f.path()).isMissingNode()).as(f.path()).isFalse();
        assertThat(f.confidence()).isBetween(0.0, 1.0);
        if (f.located()) {
          assertThat(f.page()).isEqualTo(1);
          assertThat(f.source()).isNotBlank();
          if (f.value().isTextual() && !f.value().asText().isBlank()) {
            // Grounded: a text value is what OCR read, case, spaces and commas aside.
            assertThat(ValueLocator.normalize(f.source()))
                .contains(ValueLocator.normalize(f.value().asText()));
          }
        }
      }
      // Greedy decoding: the same document gives the same data.
      ExtractionResult again = pipeline.process(pdf, schema, e -> {}, new Cancellation());
      assertThat(again.data()).isEqualTo(r.data());
    }
  }

  @Test
  void cancellingWhileTheModelWritesStopsTheDocument() throws Exception {
    DocumentSchema schema = SchemaCatalog.shipped().get("invoice");
    Path pdf = sample(dir, DocumentType.INVOICE, 3);
    Cancellation cancellation = new Cancellation();
    ProgressListener cancelOnFirstToken =
        e -> {
          if (e instanceof ProgressEvent.Generating) {
            cancellation.cancel();
          }
        };
    assertThatThrownBy(() -> pipeline.process(pdf, schema, cancelOnFirstToken, cancellation))
        .isInstanceOfSatisfying(
            DocsiftException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CANCELLED));
  }

  /** A tall page whose bottom two thirds are blank paper. */
  private static Path topHeavyPage(Path dir) throws Exception {
    return tallPage(dir, "top-heavy.png", 120, 300, 420);
  }

  /** A tall page with words at its top and its foot and blank paper between. */
  private static Path blankMiddlePage(Path dir) throws Exception {
    return tallPage(dir, "blank-middle.png", 120, 300, 2500, 2620);
  }

  /** A white 900 x 2,700 px page with a line of a receipt at each of the given heights. */
  private static Path tallPage(Path dir, String name, int... ys) throws Exception {
    List<String> lines =
        List.of("CORNER CAFE", "Coffee        3.50", "TOTAL         9.00", "THANK YOU");
    Path png = dir.resolve(name);
    SampleFiles.writePng(TextPages.of(900, 2700, lines, ys), 300, png);
    return png;
  }

  @Test
  void thePaperAroundTheWordsIsLeftOutWhenThatSavesTiles() throws Exception {
    // The words fill the top sixth of a 1x3 page: cut to them, the page is one tile, not four.
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    ExtractionResult r =
        pipeline.process(
            topHeavyPage(dir),
            SchemaCatalog.shipped().get("receipt"),
            events::add,
            new Cancellation());
    ProgressEvent.TilesEncoded t = tiles(events);
    assertThat(t.tiles()).as("the whole page's tiles").isEqualTo(4);
    assertThat(t.encoded()).isEqualTo(1);
    PageTiles shown = r.pageTiles().getFirst();
    assertThat(shown.tileCount()).isEqualTo(1);
    assertThat(shown.encoded()).containsExactly(0);
    assertThat(shown.region().y0()).isLessThan(0.05);
    assertThat(shown.region().y1()).as("down to the last line and a margin").isBetween(0.1, 0.2);
    assertThat(shown.region().x0()).isZero();
    assertThat(shown.region().x1()).isBetween(0.4, 0.9);
    assertThat(r.warnings()).anyMatch(w -> w.contains("3 of 4 tiles were blank and left out"));
  }

  @Test
  void blankTilesAreLeftOutUnlessPruningIsOff() throws Exception {
    DocumentSchema schema = SchemaCatalog.shipped().get("receipt");
    Path png = blankMiddlePage(dir);
    List<ProgressEvent> pruned = new CopyOnWriteArrayList<>();
    ExtractionResult r = pipeline.process(png, schema, pruned::add, new Cancellation());
    ProgressEvent.TilesEncoded t = tiles(pruned);
    assertThat(t.encoded()).isLessThan(t.tiles());
    assertThat(r.warnings()).anyMatch(w -> w.contains("blank and left out"));
    // The result keeps which tiles were read, for the window's tiles overlay.
    assertThat(r.pageTiles()).hasSize(1);
    PageTiles kept = r.pageTiles().getFirst();
    assertThat(kept.page()).isEqualTo(1);
    assertThat(kept.tileCount()).isEqualTo(t.tiles());
    assertThat(kept.encoded()).hasSize(t.encoded()).isSorted();
    assertThat(kept.encoded()).allSatisfy(i -> assertThat(i).isBetween(0, t.tiles() - 1));
    // Words at the top and the foot: no crop saves a tile, and the middle tile is blank.
    assertThat(kept.region()).isEqualTo(BBox.WHOLE_PAGE);
    assertThat(kept.encoded()).doesNotContain(1);

    EngineChoice.Slm all =
        new EngineChoice.Slm(
            TinyInternVl.folder().toString(),
            null,
            TinyInternVl.choice().provider(),
            true,
            false,
            1024);
    try (Pipeline unpruned = Pipeline.create(config(all))) {
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      ExtractionResult all1 = unpruned.process(png, schema, events::add, new Cancellation());
      ProgressEvent.TilesEncoded u = tiles(events);
      assertThat(u.encoded()).isEqualTo(u.tiles()).isEqualTo(t.tiles());
      PageTiles every = all1.pageTiles().getFirst();
      assertThat(every.cols()).isEqualTo(kept.cols());
      assertThat(every.rows()).isEqualTo(kept.rows());
      assertThat(every.encoded()).hasSize(every.tileCount());
    }
  }

  private static ProgressEvent.TilesEncoded tiles(List<ProgressEvent> events) {
    return (ProgressEvent.TilesEncoded)
        events.stream().filter(e -> e instanceof ProgressEvent.TilesEncoded).findFirst().get();
  }

  @Test
  void longDocumentsGetFewerTilesPerPageToFitTheContext() throws Exception {
    BufferedImage page =
        new SampleGenerator(Degradation.CLEAN).generate(DocumentType.INVOICE, 5).page();
    Path pdf = dir.resolve("six-pages.pdf");
    SampleFiles.writeRepeatedPagePdf(pdf, 6, page, 150);
    List<ProgressEvent> events = new CopyOnWriteArrayList<>();
    ExtractionResult r =
        pipeline.process(
            pdf, SchemaCatalog.shipped().get("invoice"), events::add, new Cancellation());
    List<ProgressEvent.TilesEncoded> pages =
        events.stream()
            .filter(e -> e instanceof ProgressEvent.TilesEncoded)
            .map(e -> (ProgressEvent.TilesEncoded) e)
            .toList();
    assertThat(pages).hasSize(6);
    assertThat(pages).allSatisfy(p -> assertThat(p.tiles()).isEqualTo(1));
    assertThat(r.pageTiles())
        .extracting(PageTiles::page, PageTiles::cols, PageTiles::rows, PageTiles::thumbnail)
        .containsExactly(
            tuple(1, 1, 1, false),
            tuple(2, 1, 1, false),
            tuple(3, 1, 1, false),
            tuple(4, 1, 1, false),
            tuple(5, 1, 1, false),
            tuple(6, 1, 1, false));
    assertThat(r.warnings()).anyMatch(w -> w.contains("at most 1 tiles each"));
  }

  @Test
  void missingAndDamagedPacksAreClearErrors() throws Exception {
    EngineChoice.Slm missing =
        EngineChoice.Slm.of("no-such-pack").withModelsDir(dir.resolve("models"));
    assertThatThrownBy(() -> SlmEngine.open(missing))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_NOT_FOUND);
              assertThat(e.getMessage()).contains("docsift models install");
            });

    Path copy = TinyInternVl.copyTo(dir.resolve("damaged"));
    byte[] graph = Files.readAllBytes(copy.resolve("vision_encoder.onnx"));
    graph[graph.length / 2] ^= 0x5a;
    Files.write(copy.resolve("vision_encoder.onnx"), graph);
    assertThatThrownBy(() -> SlmEngine.open(EngineChoice.Slm.of(copy.toString())))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_HASH_MISMATCH);
              assertThat(e.userMessage()).startsWith("DS604 ");
            });
  }

  @Test
  void anIdefics3PackWhoseVisionGraphTakesNoPixelMaskIsRefused() throws Exception {
    Path copy = TinyInternVl.copyTo(dir.resolve("idefics3"));
    ObjectNode manifest =
        (ObjectNode) new ObjectMapper().readTree(copy.resolve("pack.json").toFile());
    manifest.put("family", "idefics3");
    ObjectNode image = (ObjectNode) manifest.get("image");
    image.remove(List.of("min_tiles", "max_tiles", "thumbnail"));
    image.put("longest_edge", 2048).put("image_splitting", true).put("global_image", "<img>");
    Files.writeString(copy.resolve("pack.json"), manifest.toString());
    // InternVL's bicubic resizing is not Idefics3's
    assertThatThrownBy(() -> SlmEngine.open(EngineChoice.Slm.of(copy.toString())))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.MODEL_INVALID);
              assertThat(e.getMessage()).contains("bicubic", "lanczos3");
            });
    image.put("resize", "lanczos3");
    Files.writeString(copy.resolve("pack.json"), manifest.toString());
    // InternVL's vision graph takes tiles alone, not Idefics3's images with a pixel mask
    assertThatThrownBy(() -> SlmEngine.open(EngineChoice.Slm.of(copy.toString())))
        .isInstanceOfSatisfying(
            DocsiftException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VISION_SHAPE);
              assertThat(e.getMessage()).contains("pixel_values");
            });
  }

  @Test
  void aTextPackReadsTheOcrTextAlone() throws Exception {
    Path text = TinyInternVl.copyTo(dir.resolve("text-pack"));
    ObjectNode manifest = (ObjectNode) JSON.readTree(text.resolve("pack.json").toFile());
    manifest.put("family", "text");
    manifest.putNull("image");
    ((ObjectNode) manifest.get("files")).remove("vision_encoder");
    Files.delete(text.resolve("vision_encoder.onnx"));
    Files.writeString(text.resolve("pack.json"), JSON.writeValueAsString(manifest));
    DocumentSchema schema = SchemaCatalog.shipped().get("receipt");
    try (Pipeline textOnly =
        Pipeline.create(
            config(
                EngineChoice.Slm.of(text.toString())
                    .withProvider(TinyInternVl.choice().provider())))) {
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      ExtractionResult r =
          textOnly.process(topHeavyPage(dir), schema, events::add, new Cancellation());
      assertThat(schema.validate(r.data())).isEmpty();
      assertThat(events).noneMatch(e -> e instanceof ProgressEvent.TilesEncoded);
      assertThat(r.timings().engineStages().get("encode")).isZero();
      assertThat(r.pageTiles()).isEmpty();
      JsonNode data = r.data();
      assertThat(data.isObject()).isTrue();
    }
  }

  @Test
  void anImportedPublicTextExportRunsThroughThePipeline() throws Exception {
    Path export = TestFixtures.folder("tiny-qwen2-export");
    assumeThat(export.resolve("onnx/model_q4.onnx")).as("the tiny Qwen2 export").exists();
    PackStore store = new PackStore(dir.resolve("store"));
    ModelPack pack = store.install(TextModelImport.plan(export, "qwen-tiny", null), false);
    DocumentSchema schema = SchemaCatalog.shipped().get("receipt");
    try (Pipeline textOnly =
        Pipeline.create(
            config(
                EngineChoice.Slm.of(pack.name())
                    .withModelsDir(store.root())
                    .withProvider(TinyInternVl.choice().provider())))) {
      List<ProgressEvent> events = new CopyOnWriteArrayList<>();
      ExtractionResult r =
          textOnly.process(topHeavyPage(dir), schema, events::add, new Cancellation());
      assertThat(schema.validate(r.data())).isEmpty();
      assertThat(r.engine().model()).isEqualTo("qwen-tiny");
      assertThat(events).anyMatch(e -> e instanceof ProgressEvent.Generating);
      assertThat(events).noneMatch(e -> e instanceof ProgressEvent.TilesEncoded);
      ExtractionResult again =
          textOnly.process(topHeavyPage(dir), schema, e -> {}, new Cancellation());
      assertThat(again.data()).isEqualTo(r.data());
    }
  }
}
