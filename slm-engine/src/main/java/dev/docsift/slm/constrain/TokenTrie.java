package dev.docsift.slm.constrain;

import dev.docsift.slm.tokenizer.Vocabulary;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * All token byte strings of a vocabulary in one trie, so that a mask is computed by walking the
 * trie once with the parser state and pruning every subtree whose prefix is rejected, instead of
 * trying tokens one by one. Special and empty tokens are left out. Immutable; build once per
 * vocabulary.
 *
 * <p>Layout: node 0 is the root; the children of a node are contiguous ({@code firstChild ..
 * firstChild + childCount}); {@code edge[n]} is the byte leading into node n; the tokens whose
 * bytes end at node n are {@code tokens[tokenStart[n] .. tokenStart[n + 1]]}.
 */
final class TokenTrie {
  final int[] firstChild;
  final int[] childCount;
  final byte[] edge;
  final int[] tokenStart;
  final int[] tokens;

  /** The longest token, in bytes. */
  final int maxTokenBytes;

  /**
   * The child with edge byte b among the children {@code first .. end} of a node (ascending by
   * byte, as the sorted build leaves them), or -1.
   */
  int child(int first, int end, int b) {
    int lo = first;
    int hi = end - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int e = edge[mid] & 0xFF;
      if (e < b) {
        lo = mid + 1;
      } else if (e > b) {
        hi = mid - 1;
      } else {
        return mid;
      }
    }
    return -1;
  }

  TokenTrie(Vocabulary vocab) {
    List<byte[]> bytes = new ArrayList<>();
    List<Integer> ids = new ArrayList<>();
    int longest = 1;
    for (int id = 0; id < vocab.size(); id++) {
      byte[] b = vocab.bytes(id);
      if (vocab.isSpecial(id) || b == null || b.length == 0) {
        continue;
      }
      bytes.add(b);
      ids.add(id);
      longest = Math.max(longest, b.length);
    }
    maxTokenBytes = longest;
    Integer[] order = new Integer[bytes.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Comparator<Integer> lexicographic =
        (x, y) -> Arrays.compareUnsigned(bytes.get(x), bytes.get(y));
    Arrays.sort(order, lexicographic);
    // Breadth-first over ranges of the sorted tokens sharing a prefix: children come out
    // contiguous. Each queue entry: node, range start, range end, depth.
    List<int[]> queue = new ArrayList<>();
    queue.add(new int[] {0, 0, order.length, 0});
    int nodes = 1;
    List<int[]> childInfo = new ArrayList<>(); // per node: first child, count, edge byte
    childInfo.add(new int[] {0, 0, 0});
    List<List<Integer>> nodeTokens = new ArrayList<>();
    nodeTokens.add(new ArrayList<>());
    for (int q = 0; q < queue.size(); q++) {
      int[] e = queue.get(q);
      int node = e[0];
      int i = e[1];
      int end = e[2];
      int depth = e[3];
      while (i < end && bytes.get(order[i]).length == depth) {
        nodeTokens.get(node).add(ids.get(order[i]));
        i++;
      }
      int first = nodes;
      int count = 0;
      while (i < end) {
        int b = bytes.get(order[i])[depth] & 0xFF;
        int j = i;
        while (j < end && (bytes.get(order[j])[depth] & 0xFF) == b) {
          j++;
        }
        childInfo.add(new int[] {0, 0, b});
        nodeTokens.add(new ArrayList<>());
        queue.add(new int[] {nodes, i, j, depth + 1});
        nodes++;
        count++;
        i = j;
      }
      childInfo.get(node)[0] = first;
      childInfo.get(node)[1] = count;
    }
    firstChild = new int[nodes];
    childCount = new int[nodes];
    edge = new byte[nodes];
    tokenStart = new int[nodes + 1];
    for (int n = 0; n < nodes; n++) {
      firstChild[n] = childInfo.get(n)[0];
      childCount[n] = childInfo.get(n)[1];
      edge[n] = (byte) childInfo.get(n)[2];
      tokenStart[n + 1] = tokenStart[n] + nodeTokens.get(n).size();
    }
    tokens = new int[tokenStart[nodes]];
    for (int n = 0; n < nodes; n++) {
      for (int k = 0; k < nodeTokens.get(n).size(); k++) {
        tokens[tokenStart[n] + k] = nodeTokens.get(n).get(k);
      }
    }
  }
}
