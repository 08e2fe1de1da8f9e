package dev.docsift.slm.decoder;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.OrtSession.SessionOptions;
import dev.docsift.errors.ErrorCode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's ONNX Runtime: one environment, and sessions set up from {@link RuntimeOptions} with
 * execution-provider fallback. Thread-safe.
 */
public final class OrtRuntime {
  private static final Logger LOG = LoggerFactory.getLogger(OrtRuntime.class);

  // Each distinct fallback warning is logged once a process, however many sessions hit it; the
  // caller still gets it back every time, for the result's warnings.
  private static final Set<String> LOGGED = ConcurrentHashMap.newKeySet();

  private OrtRuntime() {}

  /**
   * The process-wide environment. ONNX Runtime allows one per process and hands back the same
   * instance to every caller; it is never closed (it lives until the process ends).
   */
  public static OrtEnvironment environment() {
    return Shared.ENVIRONMENT;
  }

  /** Holds the environment, made once, on first use (the class loads then). */
  private static final class Shared {
    static final OrtEnvironment ENVIRONMENT = createOnLargeStack();
  }

  /**
   * Stack of the thread that creates the environment. Thread stacks are reserved, not committed:
   * the pages a thread never touches cost no memory.
   */
  private static final long CREATION_STACK_BYTES = 256L << 20;

  /**
   * Creates the environment on a thread of its own with a large stack. Why: ONNX Runtime's
   * environment creation recurses in proportion to the length of the process's command line
   * (measured with 1.20: about 6,000 characters overflow Java's default 1 MB thread stack, and the
   * JVM dies with SIGSEGV and no error file). {@code docsift extract folder/*.pdf} gets there with
   * a few dozen files, as does a test JVM with a long class path.
   */
  private static OrtEnvironment createOnLargeStack() {
    AtomicReference<OrtEnvironment> created = new AtomicReference<>();
    AtomicReference<RuntimeException> failed = new AtomicReference<>();
    Thread creator =
        Thread.ofPlatform()
            .name("docsift-onnxruntime-init")
            .stackSize(CREATION_STACK_BYTES)
            .unstarted(
                () -> {
                  try {
                    created.set(OrtEnvironment.getEnvironment());
                  } catch (RuntimeException e) {
                    failed.set(e);
                  }
                });
    creator.start();
    boolean interrupted = false;
    while (creator.isAlive()) {
      try {
        creator.join();
      } catch (InterruptedException e) {
        interrupted = true; // finish creating: every later call needs the environment
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failed.get() != null) {
      throw failed.get();
    }
    return created.get();
  }

  /** A session and the provider it runs on. The caller owns and closes the session. */
  public record OpenedSession(OrtSession session, ResolvedProvider provider) {}

  /**
   * What {@code auto} means on a platform: CoreML on macOS arm64, DirectML on Windows, else CPU.
   *
   * @param osName {@code os.name}
   * @param osArch {@code os.arch}
   * @return a concrete provider, never {@link ExecutionProvider#AUTO}
   */
  public static ExecutionProvider autoProvider(String osName, String osArch) {
    String os = osName.toLowerCase(Locale.ROOT);
    String arch = osArch.toLowerCase(Locale.ROOT);
    if ((os.contains("mac") || os.contains("darwin"))
        && (arch.equals("aarch64") || arch.equals("arm64"))) {
      return ExecutionProvider.COREML;
    }
    if (os.startsWith("windows")) {
      return ExecutionProvider.DIRECTML;
    }
    return ExecutionProvider.CPU;
  }

  /** What {@code auto} means on this machine. */
  public static ExecutionProvider autoProvider() {
    return autoProvider(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
  }

  /**
   * Opens a graph, on the asked provider or, where this build lacks it or it refuses the graph, on
   * the CPU with a warning.
   *
   * @param model the {@code .onnx} file (external data beside it is found by ONNX Runtime)
   * @param options provider, threads and optimisation level
   * @return the session and the provider it runs on
   * @throws DecoderException with {@link ErrorCode#DECODER_LOAD} when the graph cannot be opened
   *     even on the CPU
   */
  public static OpenedSession openSession(Path model, RuntimeOptions options)
      throws DecoderException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    if (!Files.isRegularFile(model)) {
      throw new DecoderException(
          ErrorCode.DECODER_LOAD, "The model file " + model + " does not exist.");
    }
    ExecutionProvider asked = options.provider();
    ExecutionProvider wanted = asked == ExecutionProvider.AUTO ? autoProvider() : asked;
    if (wanted != ExecutionProvider.CPU) {
      SessionOptions so = null;
      String failure;
      try {
        so = baseOptions(options);
        attach(so, wanted);
        try {
          OrtSession session = environment().createSession(model.toString(), so);
          return new OpenedSession(session, new ResolvedProvider(wanted.id(), Optional.empty()));
        } catch (OrtException e) {
          // The provider registered but refused this graph (unsupported operators, a driver
          // error): the CPU still runs it, so fall back rather than fail.
          failure = "could not run the model (" + e.getMessage() + ")";
        }
      } catch (OrtException e) {
        // This ONNX Runtime build lacks the provider: addCoreML/addDirectML/addCUDA throw.
        failure = "is not available in this ONNX Runtime build (" + e.getMessage() + ")";
      } finally {
        if (so != null) {
          so.close();
        }
      }
      String warning =
          "Execution provider "
              + wanted.id()
              + (asked == ExecutionProvider.AUTO ? " (chosen by auto) " : " ")
              + failure
              + "; running on cpu instead.";
      if (LOGGED.add(wanted.id() + ':' + failure)) {
        LOG.warn(warning);
      }
      return new OpenedSession(
          openCpu(model, options), new ResolvedProvider("cpu", Optional.of(warning)));
    }
    return new OpenedSession(
        openCpu(model, options), new ResolvedProvider("cpu", Optional.empty()));
  }

  /**
   * Opens a graph held in memory, such as a model shipped as a class-path resource, on the CPU.
   *
   * @param model the {@code .onnx} bytes (no external data)
   * @param name what to call the model in a failure's message
   * @param options threads and optimisation level; the provider is ignored
   * @return the session; the caller owns and closes it
   * @throws DecoderException with {@link ErrorCode#DECODER_LOAD} when the graph cannot be opened
   */
  public static OrtSession openCpu(byte[] model, String name, RuntimeOptions options)
      throws DecoderException {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(options, "options");
    try (SessionOptions so = baseOptions(options)) {
      return environment().createSession(model, so);
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_LOAD, "ONNX Runtime cannot load " + name + ": " + e.getMessage(), e);
    }
  }

  private static OrtSession openCpu(Path model, RuntimeOptions options) throws DecoderException {
    // Fresh options: a failed attach may have left the first ones half set up.
    try (SessionOptions so = baseOptions(options)) {
      return environment().createSession(model.toString(), so);
    } catch (OrtException e) {
      throw new DecoderException(
          ErrorCode.DECODER_LOAD,
          "ONNX Runtime cannot load " + model.getFileName() + ": " + e.getMessage(),
          e);
    }
  }

  /** Session options without any provider but the CPU. The caller closes them. */
  static SessionOptions baseOptions(RuntimeOptions options) throws OrtException {
    SessionOptions so = new SessionOptions();
    try {
      // 0 means one thread per processor this JVM may use, set explicitly: ONNX Runtime's own
      // default (intra-op threads 0) decoded Mississippi-shaped packs on 2 cores at 0.6x the speed
      // of 2 explicit threads (prefill 133-160 vs 251-278 t/s at 1,024 tokens); it also counts
      // the machine's cores where the JVM counts the container's share.
      so.setIntraOpNumThreads(
          options.intraOpThreads() > 0
              ? options.intraOpThreads()
              : Runtime.getRuntime().availableProcessors());
      if (options.interOpThreads() > 0) {
        so.setInterOpNumThreads(options.interOpThreads());
      }
      so.setOptimizationLevel(options.optimizationLevel().ort());
      if (!options.memoryPattern()) {
        so.setMemoryPatternOptimization(false);
      }
      return so;
    } catch (OrtException | RuntimeException e) {
      so.close();
      throw e;
    }
  }

  /**
   * Registers a provider on options.
   *
   * @throws OrtException where this build lacks it
   */
  static void attach(SessionOptions so, ExecutionProvider provider) throws OrtException {
    switch (provider) {
      case COREML -> so.addCoreML();
      case DIRECTML -> {
        // DirectML does not support memory patterns or parallel execution (ONNX Runtime docs).
        so.setMemoryPatternOptimization(false);
        so.setExecutionMode(SessionOptions.ExecutionMode.SEQUENTIAL);
        so.addDirectML(0);
      }
      case CUDA -> so.addCUDA(0);
      case CPU -> {}
      case AUTO -> throw new IllegalArgumentException("resolve auto first");
    }
  }
}
