package dev.docsift.app.gui.choice;

import dev.docsift.app.service.EngineOption;
import dev.docsift.app.service.TaskRunner;
import dev.docsift.app.service.UserMessages;
import dev.docsift.core.engine.EngineChoice;
import dev.docsift.slm.decoder.ExecutionProvider;
import java.nio.file.Path;
import java.util.function.Consumer;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Tooltip;
import javafx.util.StringConverter;

/**
 * Picks the engine new documents are read with: the embedded OCR engine or an installed model pack,
 * and for packs the execution provider. Packs are listed in the background.
 */
public final class EnginePicker {
  private final ComboBox<EngineOption> engine = new ComboBox<>();
  private final ComboBox<ExecutionProvider> provider = new ComboBox<>();
  private final TaskRunner tasks;
  private final Consumer<String> status;
  private Path modelsDir;

  /**
   * Creates the picker with the OCR engine picked.
   *
   * @param tasks lists packs off the JavaFX thread
   * @param status reports a pack store that cannot be read
   */
  public EnginePicker(TaskRunner tasks, Consumer<String> status) {
    this.tasks = tasks;
    this.status = status;
    engine.setId("engine-picker");
    provider.setId("provider-picker");
    engine.getItems().add(EngineOption.OCR);
    engine.setValue(EngineOption.OCR);
    engine.setTooltip(new Tooltip("OCR, or an installed model pack (docsift models install)"));
    provider.getItems().addAll(ExecutionProvider.values());
    provider.setConverter(
        new StringConverter<>() {
          @Override
          public String toString(ExecutionProvider p) {
            return p == null ? "" : label(p);
          }

          @Override
          public ExecutionProvider fromString(String s) {
            return ExecutionProvider.parse(s);
          }
        });
    provider.setValue(ExecutionProvider.AUTO);
    provider.setTooltip(new Tooltip("Where a model pack runs"));
    provider.disableProperty().bind(engine.valueProperty().map(EngineOption::ocr).orElse(true));
    engine
        .valueProperty()
        .addListener(
            (o, was, now) -> {
              if (now != null && now.problem() != null) {
                status.accept(now.label() + ": " + now.problem());
              }
            });
  }

  /** A provider's name as its makers write it. */
  static String label(ExecutionProvider p) {
    return switch (p) {
      case AUTO -> "Auto";
      case CPU -> "CPU";
      case COREML -> "CoreML";
      case DIRECTML -> "DirectML";
      case CUDA -> "CUDA";
    };
  }

  /** The engine picker. */
  public ComboBox<EngineOption> engine() {
    return engine;
  }

  /** The execution provider picker. */
  public ComboBox<ExecutionProvider> provider() {
    return provider;
  }

  /**
   * Lists the packs of a store again, keeping the pick when it is still there.
   *
   * @param dir the store's folder, or null for the default one
   * @param defaultProvider the provider picked for packs
   */
  public void reload(Path dir, ExecutionProvider defaultProvider) {
    modelsDir = dir;
    provider.setValue(defaultProvider);
    tasks.run(
        () -> EngineOption.list(dir),
        options -> {
          EngineOption picked = engine.getValue();
          engine.getItems().setAll(options);
          engine.setValue(
              options.stream()
                  .filter(o -> picked != null && o.label().equals(picked.label()))
                  .findFirst()
                  .orElse(EngineOption.OCR));
        },
        e -> status.accept(UserMessages.of(e)));
  }

  /** The engine picked now. */
  public EngineChoice current() {
    EngineOption option = engine.getValue() == null ? EngineOption.OCR : engine.getValue();
    return option.choice(provider.getValue(), modelsDir);
  }
}
