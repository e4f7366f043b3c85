package dev.litebench.engine.generate;

/**
 * Partial selection of the best entries of a logit row without sorting the whole row. "Best" is the total order
 * higher logit first, then lower id; NaN and -inf entries are never selected.
 */
final class Selection {
    private Selection() {
    }

    /**
     * Writes into {@code out[0..return)} the ids (relative to {@code base}) of the {@code m} best of
     * {@code a[base .. base+n)}, best first. Uses a bounded min-heap: O(n) comparisons against the heap's worst entry
     * plus O(m log m) per replacement, so small m costs about one pass over the row.
     */
    static int top(float[] a, int base, int n, int m, int[] out) {
        if (m <= 0) return 0;
        int size = 0;
        float worst = Float.NEGATIVE_INFINITY; // value at the heap root once full
        for (int i = 0; i < n; i++) {
            float v = a[base + i];
            if (size == m) {
                // Equal values lose: every id already in the heap is lower than i.
                if (v > worst) {
                    out[0] = i;
                    siftDown(a, base, out, 0, size);
                    worst = a[base + out[0]];
                }
            } else if (v > Float.NEGATIVE_INFINITY) { // also rejects NaN
                out[size] = i;
                siftUp(a, base, out, size);
                size++;
                if (size == m) worst = a[base + out[0]];
            }
        }
        // Heap sort: move the worst to the end repeatedly, leaving the best first.
        for (int end = size - 1; end > 0; end--) {
            int t = out[0];
            out[0] = out[end];
            out[end] = t;
            siftDown(a, base, out, 0, end);
        }
        return size;
    }

    /** x ranks below y: lower logit, or equal logit and higher id. */
    private static boolean worse(float[] a, int base, int x, int y) {
        float vx = a[base + x], vy = a[base + y];
        return vx < vy || (vx == vy && x > y);
    }

    private static void siftUp(float[] a, int base, int[] h, int i) {
        int x = h[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            int p = h[parent];
            if (!worse(a, base, x, p)) break;
            h[i] = p;
            i = parent;
        }
        h[i] = x;
    }

    private static void siftDown(float[] a, int base, int[] h, int i, int size) {
        int x = h[i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && worse(a, base, h[c + 1], h[c])) c++;
            if (!worse(a, base, h[c], x)) break;
            h[i] = h[c];
            i = c;
        }
        h[i] = x;
    }
}
