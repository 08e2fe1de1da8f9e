package dev.docsift.slm.constrain;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Masks composed from a part that depends on the top frame only and a part walked with the real
 * stack below (XGrammar's context-independent and context-dependent tokens). A state's allowed
 * tokens split into those whose bytes stay inside its top frame, and those that close the top frame
 * and go on into the frames below. The first are found by walking the token trie with the top frame
 * alone on a placeholder stack ({@link #BELOW}), and cached per canonical top frame across states
 * and generations; that walk also records the trie nodes where it reached the placeholder (the
 * exits). At mask time only the subtrees under the exits are walked, with the real stack: a few
 * tokens ({@code ",} after a string, {@code ,} or {@code \}} after a number) instead of the whole
 * vocabulary.
 *
 * <p>Why this is exact: frames only push onto, or return, the stack they are given and never look
 * into it ({@link Frame#feed}), so bytes that stay above the placeholder are taken the same way
 * whatever lies below it, and the distance to finish of such a state is the frames above plus the
 * stack below. Tokens whose bytes reach a groundable string's inside depend on the grounding:
 * entries whose walk met such a frame ({@link Frame#readsGrounding}) are kept per generation when
 * grounded, never shared.
 */
final class TopFrameMasks {
  /** Stands for the stack under the top frame during the walk; compared by identity. */
  private static final ParseState BELOW = new ParseState(null, null);

  /** Bounds the shared cache; cleared when full, as the state cache is. */
  private static final int MAX_ENTRIES = 4096;

  private final ConstraintFactory factory;
  private final TokenTrie trie;
  private final Map<Frame, Entry> shared = new ConcurrentHashMap<>();

  /**
   * The part of a state's mask that the top frame decides.
   *
   * @param inside the tokens that stay inside the top frame
   * @param insideFarthest the largest distance to finish, counted above the stack below, that an
   *     inside token leaves; -1 when none is allowed
   * @param insideNearest the smallest such distance; {@link Integer#MAX_VALUE} when none is allowed
   * @param exitAfter trie nodes whose byte closed the top frame: the state there is the stack below
   * @param exitBefore trie nodes whose byte the top frame left to the stack below (it ended without
   *     taking it)
   * @param readsGrounding whether the walk met a frame that reads the grounding
   * @param lengths for a roomy string twin's entry, what each token needs; else null
   */
  record Entry(
      TokenMask inside,
      int insideFarthest,
      int insideNearest,
      int[] exitAfter,
      int[] exitBefore,
      boolean readsGrounding,
      LengthFilter.Lengths lengths) {}

  TopFrameMasks(ConstraintFactory factory, TokenTrie trie) {
    this.factory = factory;
    this.trie = trie;
  }

  /**
   * The mask of a state (not {@link ParseState#DONE}), exactly as {@link ConstraintFactory#compute}
   * would give it.
   *
   * @param local the entries of this generation that depend on its grounding; null when ungrounded
   */
  TokenMask mask(StepContext ctx, ParseState state, Map<Frame, Entry> local) {
    Entry e = entry(ctx, state.top(), local);
    ParseState below = state.below();
    int size = factory.vocabSize();
    // Canonically equal frames agree on distances (Frame#canonical): the entry's farthest inside
    // distance is this top frame's too.
    int topDistance = state.top().minBytesToFinish();
    int growth = e.insideFarthest < 0 ? 0 : Math.max(0, e.insideFarthest - topDistance);
    boolean eos = state.complete();
    if (e.exitAfter.length == 0 && e.exitBefore.length == 0 && !eos) {
      return e.inside.maxGrowth() == growth
          ? e.inside
          : new TokenMask(e.inside.allowed(), e.inside.allowedIds(), size, growth);
    }
    long[] bits = e.inside.allowed().clone();
    int farthest = exits(ctx, e, below, bits, Integer.MAX_VALUE);
    if (eos) {
      factory.addEos(bits);
    }
    growth = Math.max(growth, farthest - topDistance - below.minBytesToFinish());
    return TokenMask.of(bits, size, growth);
  }

  /**
   * The tokens of {@link ConstraintFactory#within}, end-of-sequence aside, composed the same way:
   * usable when every inside token leaves at most {@code maxDistance}, or none does (a budget that
   * leaves only closing the string, say), which the entry's farthest and nearest inside distances
   * tell exactly (canonically equal frames agree on distances within a token's bytes: {@link
   * Frame#canonical}).
   *
   * @return the allowed tokens' bits, or null when some inside token goes too far: walk instead
   */
  long[] within(StepContext ctx, ParseState state, int maxDistance, Map<Frame, Entry> local) {
    Entry e = entry(ctx, state.top(), local);
    ParseState below = state.below();
    int belowDistance = below.minBytesToFinish();
    long[] bits;
    if (e.insideFarthest < 0 || e.insideFarthest + belowDistance <= maxDistance) {
      bits = e.inside.allowed().clone(); // every inside token fits
    } else if (e.insideNearest + belowDistance > maxDistance) {
      bits = new long[e.inside.allowed().length]; // none does: only the exits may
    } else {
      return null;
    }
    exits(ctx, e, below, bits, maxDistance);
    return bits;
  }

  /** Walks the exits' subtrees with the real stack below; returns the farthest distance, or -1. */
  private int exits(StepContext ctx, Entry e, ParseState below, long[] bits, int maxDistance) {
    int farthest = -1;
    int d = below.minBytesToFinish();
    for (int node : e.exitAfter) {
      if (d <= maxDistance) {
        farthest = Math.max(farthest, d);
        setTokens(node, bits);
      }
      if (trie.childCount[node] > 0) {
        farthest = Math.max(farthest, factory.walk(ctx, node, below, bits, maxDistance));
      }
    }
    for (int node : e.exitBefore) {
      ParseState next = ParseState.step(ctx, below, trie.edge[node] & 0xFF);
      if (next == null) {
        continue;
      }
      if (trie.tokenStart[node] < trie.tokenStart[node + 1]) {
        int dn = next.minBytesToFinish();
        if (dn <= maxDistance) {
          farthest = Math.max(farthest, dn);
          setTokens(node, bits);
        }
      }
      if (trie.childCount[node] > 0) {
        farthest = Math.max(farthest, factory.walk(ctx, node, next, bits, maxDistance));
      }
    }
    return farthest;
  }

  private void setTokens(int node, long[] bits) {
    for (int t = trie.tokenStart[node]; t < trie.tokenStart[node + 1]; t++) {
      int id = trie.tokens[t];
      bits[id >>> 6] |= 1L << id;
    }
  }

  private static boolean isEmpty(long[] bits) {
    for (long w : bits) {
      if (w != 0) {
        return false;
      }
    }
    return true;
  }

  /**
   * Walks, for a grounded generation, the parts that every groundable string's first characters
   * need: right after its opening quote every token that occurs in the page may follow, so the walk
   * is the longest of the generation's and would otherwise fall on one token's step.
   *
   * @param grammarRoot the schema's root syntax
   * @param local where this generation keeps its grounded parts
   */
  void prepareGrounded(StepContext ctx, Node grammarRoot, Map<Frame, Entry> local) {
    for (StringNode s : strings(grammarRoot)) {
      if (!s.groundable()) {
        continue;
      }
      ParseState open = s.start().feed(ctx, BELOW, '"');
      if (open != null && open.top() != null && open.top().readsGrounding()) {
        entry(ctx, open.top(), local);
      }
    }
  }

  /**
   * Walks, once per factory, the inside of every string of a grammar, ungrounded: free text admits
   * nearly every token, so its walk covers the whole trie (milliseconds on a large vocabulary), and
   * would otherwise fall on the first generation's steps. Counts far from a string's limits are
   * folded ({@link Frame#canonical}), so this one entry serves most of the string's characters.
   *
   * @param grammarRoot the schema's root syntax
   */
  void precompute(Node grammarRoot) {
    for (StringNode s : strings(grammarRoot)) {
      ParseState open = s.start().feed(StepContext.UNGROUNDED, BELOW, '"');
      if (open != null && open != BELOW) {
        entry(StepContext.UNGROUNDED, open.top(), null);
      }
    }
  }

  private final Map<Node, List<StringNode>> strings = new ConcurrentHashMap<>();

  /** The strings a grammar holds, in a stable order. */
  private List<StringNode> strings(Node root) {
    return strings.computeIfAbsent(
        root,
        r -> {
          Set<Node> seen = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
          List<StringNode> out = new ArrayList<>();
          ArrayDeque<Node> todo = new ArrayDeque<>(List.of(r));
          while (!todo.isEmpty()) {
            Node n = todo.pop();
            if (!seen.add(n)) {
              continue;
            }
            switch (n) {
              case ObjectNode o -> todo.addAll(o.values());
              case ArrayNode a -> todo.add(a.item());
              case UnionNode u -> todo.addAll(u.alternatives());
              case StringNode s -> out.add(s);
              default -> {}
            }
          }
          return List.copyOf(out);
        });
  }

  /** The entry of a top frame: shared, this generation's, or walked now and cached. */
  private Entry entry(StepContext ctx, Frame top, Map<Frame, Entry> local) {
    Frame key = top.canonical(trie.maxTokenBytes);
    boolean grounded = ctx.grounding() != null;
    // A grounded generation's frame that reads the grounding never comes from the shared cache:
    // its canonical form holds a position in this page's automaton.
    if (!(grounded && top.readsGrounding())) {
      Entry e = shared.get(key);
      if (e != null && !(grounded && e.readsGrounding)) {
        return e;
      }
    }
    if (grounded) {
      Entry e = local.get(key);
      if (e != null) {
        return e;
      }
    }
    Entry e =
        top instanceof StringNode.StringFrame s && byLength(s)
            ? byLength(ctx, s, local)
            : walkTop(ctx, top);
    Map<Frame, Entry> cache = grounded && e.readsGrounding ? local : shared;
    if (cache.size() >= MAX_ENTRIES) {
      cache.clear();
    }
    cache.put(key, e);
    return e;
  }

  /**
   * Whether a string frame's entry can be filtered from its roomy twin's: an ungrounded inside of a
   * {@link StringNode#lengthOnly} string, past minLength (before it, closing is not yet allowed).
   */
  private boolean byLength(StringNode.StringFrame s) {
    StringNode n = s.node();
    // Needs are kept in a byte each: a token writes at most its length in characters.
    return trie.maxTokenBytes < 250
        && n.lengthOnly()
        && !n.isRoomy()
        && s.dfa() >= 0
        && s.sam() < 0
        && s.chars() >= n.minLength();
  }

  /**
   * The entry of a length-only string's frame, from its roomy twin's (walked once per string and
   * frame shape, cached): the tokens whose characters fit in the room left. Near maxLength every
   * count is its own frame, which would otherwise be a walk of the whole trie each.
   */
  private Entry byLength(StepContext ctx, StringNode.StringFrame s, Map<Frame, Entry> local) {
    StringNode n = s.node();
    StringNode.StringFrame twin = s.on(n.roomy(trie.maxTokenBytes), n.minLength());
    Entry base = entry(ctx, twin, local);
    return LengthFilter.filter(base, s, factory.vocabSize());
  }

  /** Mutable results of one top-frame walk. */
  private static final class Walk {
    final long[] bits;
    int[] after = new int[8];
    int afterCount;
    int[] before = new int[8];
    int beforeCount;
    boolean readsGrounding;
    int nearest = Integer.MAX_VALUE;

    /** For a roomy twin: the characters used at the start, and what each token needs. */
    int base;

    byte[] need;
    byte[] distance;
    int[] afterNeed;

    Walk(int size) {
      bits = new long[(size + 63) >>> 6];
    }
  }

  private Entry walkTop(StepContext ctx, Frame top) {
    Walk w = new Walk(factory.vocabSize());
    w.readsGrounding = top.readsGrounding();
    boolean roomy = top instanceof StringNode.StringFrame s && s.node().isRoomy();
    if (roomy) {
      w.base = ((StringNode.StringFrame) top).charsUsed();
      w.need = new byte[factory.vocabSize()];
      w.distance = new byte[factory.vocabSize()];
      w.afterNeed = new int[8];
    }
    int farthest = walk(ctx, 0, new ParseState(top, BELOW), w);
    TokenMask inside = TokenMask.of(w.bits, factory.vocabSize(), 0);
    return new Entry(
        inside,
        farthest,
        w.nearest,
        Arrays.copyOf(w.after, w.afterCount),
        Arrays.copyOf(w.before, w.beforeCount),
        w.readsGrounding,
        roomy
            ? new LengthFilter.Lengths(w.need, w.distance, Arrays.copyOf(w.afterNeed, w.afterCount))
            : null);
  }

  /**
   * {@link ConstraintFactory#walk} on a state above {@link #BELOW}, stopping where the bytes reach
   * it. Distances count the frames above it only.
   */
  private int walk(StepContext ctx, int node, ParseState state, Walk w) {
    int[] tokens = trie.tokens;
    int farthest = -1;
    int first = trie.firstChild[node];
    int end = first + trie.childCount[node];
    // A frame that can list the few bytes it may take (a grounded string) is walked by looking up
    // those children: a node's children can number in the hundreds, the page's next bytes a few.
    Frame top = state.top();
    int candidates = top.canEnd() ? -1 : top.candidateCount(ctx);
    boolean lookup = candidates >= 0 && candidates * 8 < end - first;
    int count = lookup ? candidates : end - first;
    for (int i = 0; i < count; i++) {
      int child;
      if (lookup) {
        int c = top.candidate(ctx, i);
        child = c < 0 ? -1 : trie.child(first, end, c);
        if (child < 0) {
          continue;
        }
      } else {
        child = first + i;
      }
      int b = trie.edge[child] & 0xFF;
      ParseState next = null;
      boolean before = false;
      // ParseState.step, stopping at the placeholder.
      for (ParseState s = state; ; s = s.below()) {
        if (s == BELOW) {
          before = true;
          break;
        }
        next = s.top().feed(ctx, s.below(), b);
        if (next != null || !s.top().canEnd()) {
          break;
        }
      }
      if (before) {
        w.before = add(w.before, w.beforeCount++, child);
        continue;
      }
      if (next == null) {
        continue; // the whole subtree shares the rejected prefix
      }
      if (next == BELOW) {
        if (w.need != null) {
          // A string's only exit is its closing quote, taken from the string's own frame.
          int used = ((StringNode.StringFrame) state.top()).charsUsed() - w.base;
          w.afterNeed = add(w.afterNeed, w.afterCount, used);
        }
        w.after = add(w.after, w.afterCount++, child);
        continue;
      }
      if (next.top().readsGrounding()) {
        w.readsGrounding = true;
      }
      int firstToken = trie.tokenStart[child];
      int lastToken = trie.tokenStart[child + 1];
      if (firstToken < lastToken) {
        int d = next.minBytesToFinish();
        farthest = Math.max(farthest, d);
        w.nearest = Math.min(w.nearest, d);
        for (int t = firstToken; t < lastToken; t++) {
          w.bits[tokens[t] >>> 6] |= 1L << tokens[t];
        }
        if (w.need != null) {
          // Inside a string the state above the placeholder is the string's own frame.
          int used = ((StringNode.StringFrame) next.top()).charsUsed() - w.base;
          for (int t = firstToken; t < lastToken; t++) {
            w.need[tokens[t]] = (byte) used;
            w.distance[tokens[t]] = (byte) d;
          }
        }
      }
      if (trie.childCount[child] > 0) {
        farthest = Math.max(farthest, walk(ctx, child, next, w));
      }
    }
    return farthest;
  }

  private static int[] add(int[] to, int at, int value) {
    int[] out = at < to.length ? to : Arrays.copyOf(to, 2 * to.length);
    out[at] = value;
    return out;
  }
}
