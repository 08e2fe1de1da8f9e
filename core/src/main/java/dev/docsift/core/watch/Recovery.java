package dev.docsift.core.watch;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What replaying the journal tells: the contents done before, and the documents a crash left
 * between steps.
 *
 * <p>Rules: a document is done once {@code moved} follows its {@code written}; finished once {@code
 * moved} follows {@code failed}. A later {@code claimed} of the same content (a forced re-run)
 * starts its state afresh.
 *
 * @param done the hashes whose content has a result
 * @param interrupted the documents claimed and not yet moved, oldest first
 */
record Recovery(Set<String> done, List<Interrupted> interrupted) {
  /** How far an interrupted document got. */
  enum Stage {
    /** Claimed; maybe partly written. */
    CLAIMED,
    /** Its result is complete; the input was not yet moved to {@code .done/}. */
    WRITTEN,
    /** Its error file is written; the input was not yet moved to {@code .failed/}. */
    FAILED
  }

  /**
   * A document a crash interrupted.
   *
   * @param sha its content hash
   * @param input its path relative to the inbox
   * @param reserved the output name it reserved, or {@link OutputSink#NONE}
   * @param offsets the shared files' lengths before its append
   * @param stage how far it got
   */
  record Interrupted(
      String sha, String input, String reserved, Map<String, Long> offsets, Stage stage) {}

  /**
   * Replays journal lines.
   *
   * @param entries the lines, oldest first
   * @return what they tell
   */
  static Recovery replay(List<Journal.Entry> entries) {
    Set<String> done = new HashSet<>();
    Map<String, Interrupted> open = new LinkedHashMap<>();
    for (Journal.Entry e : entries) {
      Interrupted p = open.get(e.sha());
      switch (e.kind()) {
        case "claimed" -> {
          open.remove(e.sha());
          open.put(
              e.sha(),
              new Interrupted(
                  e.sha(),
                  e.args().get(0),
                  e.args().size() > 1 ? e.args().get(1) : OutputSink.NONE,
                  Map.of(),
                  Stage.CLAIMED));
        }
        case "append" -> {
          if (p != null) {
            Map<String, Long> offsets = new LinkedHashMap<>();
            for (String arg : e.args()) {
              int eq = arg.lastIndexOf('=');
              offsets.put(arg.substring(0, eq), Long.parseLong(arg.substring(eq + 1)));
            }
            open.put(
                e.sha(), new Interrupted(p.sha(), p.input(), p.reserved(), offsets, p.stage()));
          }
        }
        case "written" -> {
          if (p != null) {
            open.put(
                e.sha(),
                new Interrupted(p.sha(), p.input(), p.reserved(), p.offsets(), Stage.WRITTEN));
          }
        }
        case "failed" -> {
          if (p != null) {
            open.put(
                e.sha(),
                new Interrupted(p.sha(), p.input(), p.reserved(), p.offsets(), Stage.FAILED));
          }
        }
        case "moved" -> {
          if (p != null && p.stage() == Stage.WRITTEN) {
            done.add(e.sha());
          }
          open.remove(e.sha());
        }
        default -> {
          // skipped, and kinds from newer versions: informative only
        }
      }
    }
    return new Recovery(done, new ArrayList<>(open.values()));
  }
}
