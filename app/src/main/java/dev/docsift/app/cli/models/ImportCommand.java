package dev.docsift.app.cli.models;

import dev.docsift.app.cli.ModelsCommand;
import dev.docsift.slm.pack.ModelPack;
import dev.docsift.slm.pack.PackException;
import dev.docsift.slm.pack.PackManifest;
import dev.docsift.slm.pack.importer.ModelImport;
import dev.docsift.slm.pack.importer.TextModelImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code docsift models import DIR}: a downloaded public model becomes an installed pack. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports a model downloaded from Hugging Face as a pack: a text LLM's ONNX export in the"
          + " transformers.js / Optimum layout (config.json, generation_config.json,"
          + " tokenizer.json, tokenizer_config.json with its chat template, onnx/model_q4.onnx"
          + " or another onnx/model*.onnx), such as onnx-community/Qwen2.5-0.5B-Instruct; or an"
          + " Idefics3 vision model's export (onnx/vision_encoder.onnx, embed_tokens.onnx,"
          + " decoder_model_merged*.onnx with preprocessor_config.json), such as"
          + " HuggingFaceTB/SmolVLM-256M-Instruct.",
      "The manifest is written from the model's own configs, the chosen graph and the tokenizer"
          + " are copied into the store, and the graph is checked before the pack is installed."
    })
public final class ImportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;
  @Mixin ModelsDirOption dir;

  @Parameters(paramLabel = "DIR", description = "The downloaded model folder.")
  Path folder;

  @Option(
      names = "--name",
      paramLabel = "NAME",
      description = "The pack's name (default: the folder's name and the weights, e.g. X-q4).")
  String name;

  @Option(
      names = "--weights",
      paramLabel = "W",
      description =
          "Which graph: q4 (model_q4.onnx), int8 (model_int8 / model_quantized), fp32"
              + " (model.onnx) or fp16 (default: the first of these the folder has).")
  String weights;

  @Option(names = "--force", description = "Replace an installed pack of the same name.")
  boolean force;

  @Override
  public Integer call() {
    TextModelImport.Weights chosen = null;
    if (weights != null) {
      try {
        chosen = TextModelImport.Weights.parse(weights);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
      }
    }
    if (name != null && !PackManifest.isValidName(name)) {
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "--name must be 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or"
              + " digit.");
    }
    PrintWriter out = spec.commandLine().getOut();
    try {
      ModelImport plan = ModelImport.plan(folder, name, chosen);
      out.println(
          "Importing " + plan.graph() + " from " + folder + " as " + plan.name() + " (copying)…");
      out.flush();
      ModelPack pack = dir.store().install(plan, force);
      PackManifest m = pack.manifest();
      out.println(ModelsCommand.installed(pack));
      out.println("Run it: docsift extract --engine slm --model " + m.name() + " FILE");
      out.flush();
      return 0;
    } catch (PackException e) {
      return ModelsCommand.fail(spec, e);
    }
  }
}
