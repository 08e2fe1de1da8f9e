package dev.docsift.core.watch;

import dev.docsift.core.watch.JournalEntry.Appended;
import dev.docsift.core.watch.JournalEntry.Claimed;
import dev.docsift.core.watch.JournalEntry.Failed;
import dev.docsift.core.watch.JournalEntry.Moved;
import dev.docsift.core.watch.JournalEntry.Skipped;
import dev.docsift.core.watch.JournalEntry.Written;
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
      String sha, String input, String reserved, Map<String, Long> offsets, Stage stage) {
    /** The same document, at another stage. */
    Interrupted at(Stage next) {
      return new Interrupted(sha, input, reserved, offsets, next);
    }
  }

  /**
   * Replays journal entries.
   *
   * @param entries the entries, oldest first
   * @return what they tell
   */
  static Recovery replay(List<JournalEntry> entries) {
    Set<String> done = new HashSet<>();
    Map<String, Interrupted> open = new LinkedHashMap<>();
    for (JournalEntry e : entries) {
      Interrupted p = open.get(e.sha());
      switch (e) {
        case Claimed c -> {
          // Removed first, so a re-claimed document moves to the end: oldest claim first.
          open.remove(c.sha());
          open.put(
              c.sha(), new Interrupted(c.sha(), c.input(), c.reserved(), Map.of(), Stage.CLAIMED));
        }
        case Appended a -> {
          if (p != null) {
            open.put(
                a.sha(), new Interrupted(p.sha(), p.input(), p.reserved(), a.offsets(), p.stage()));
          }
        }
        case Written w -> {
          if (p != null) {
            open.put(w.sha(), p.at(Stage.WRITTEN));
          }
        }
        case Failed f -> {
          if (p != null) {
            open.put(f.sha(), p.at(Stage.FAILED));
          }
        }
        case Moved m -> {
          if (p != null && p.stage() == Stage.WRITTEN) {
            done.add(m.sha());
          }
          open.remove(m.sha());
        }
        case Skipped s -> {
          // informative only: a skip claims nothing and finishes nothing
        }
      }
    }
    return new Recovery(done, new ArrayList<>(open.values()));
  }
}
