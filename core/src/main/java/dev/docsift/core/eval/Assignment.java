package dev.docsift.core.eval;

import java.util.Arrays;

/**
 * The best one-to-one assignment of rows to columns in a score matrix (Hungarian method, O(n³)):
 * which found line item goes with which true one.
 */
final class Assignment {
  private Assignment() {}

  /**
   * Pairs rows with columns so that the sum of scores is largest.
   *
   * @param score score[row][column], 0 or more; rows and columns may differ in number
   * @return for each row, its column, or -1 when it has none
   */
  static int[] maximise(double[][] score) {
    int rows = score.length;
    int cols = rows == 0 ? 0 : score[0].length;
    int[] result = new int[rows];
    Arrays.fill(result, -1);
    if (rows == 0 || cols == 0) {
      return result;
    }
    int n = Math.max(rows, cols);
    double max = 0;
    for (double[] r : score) {
      for (double v : r) {
        max = Math.max(max, v);
      }
    }
    // Minimise cost = max - score over a square matrix padded with zero-score cells.
    double[][] cost = new double[n + 1][n + 1];
    for (int i = 1; i <= n; i++) {
      for (int j = 1; j <= n; j++) {
        double s = i <= rows && j <= cols ? score[i - 1][j - 1] : 0;
        cost[i][j] = max - s;
      }
    }
    double[] u = new double[n + 1];
    double[] v = new double[n + 1];
    int[] p = new int[n + 1];
    int[] way = new int[n + 1];
    for (int i = 1; i <= n; i++) {
      p[0] = i;
      int j0 = 0;
      double[] minv = new double[n + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[n + 1];
      do {
        used[j0] = true;
        int i0 = p[j0];
        int j1 = 0;
        double delta = Double.POSITIVE_INFINITY;
        for (int j = 1; j <= n; j++) {
          if (!used[j]) {
            double cur = cost[i0][j] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j] < delta) {
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= n; j++) {
          if (used[j]) {
            u[p[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (p[j0] != 0);
      do {
        int j1 = way[j0];
        p[j0] = p[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    for (int j = 1; j <= n; j++) {
      int i = p[j];
      if (i >= 1 && i <= rows && j <= cols) {
        result[i - 1] = j - 1;
      }
    }
    return result;
  }
}
