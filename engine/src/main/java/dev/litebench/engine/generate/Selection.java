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

    /**
     * Top-p selection by mass without sorting. {@code ids[0..count)} are the finite candidates (ids relative to base)
     * and {@code w[id]} their unnormalised probabilities; {@code target} is top_p times their sum. Rearranges ids so
     * that {@code ids[0..return)} is the shortest best-first prefix (higher logit first, ties by lower id) whose
     * weight reaches target, in unspecified order. Three-way quickselect with median-of-three pivots, expected O(count);
     * after 64 rounds the rest is heap-sorted, bounding the worst case at O(count log count).
     */
    static int nucleus(float[] a, int base, int[] ids, int count, float[] w, double target) {
        int lo = 0, hi = count; // ids[0..lo) accepted; answer ends within [lo, hi]
        double acc = 0;
        for (int round = 0; lo < hi; round++) {
            if (round == 64) {
                sortDescending(a, base, ids, lo, hi);
                for (int j = lo; j < hi; j++) {
                    acc += w[ids[j]];
                    if (acc >= target) return j + 1;
                }
                return hi;
            }
            float pivot = median(a[base + ids[lo]], a[base + ids[(lo + hi) >>> 1]], a[base + ids[hi - 1]]);
            int lt = lo, i = lo, gt = hi; // [lo,lt) greater, [lt,i) equal, [gt,hi) less than pivot
            double massGreater = 0, massEqual = 0;
            while (i < gt) {
                int id = ids[i];
                float v = a[base + id];
                if (v > pivot) {
                    massGreater += w[id];
                    ids[i++] = ids[lt];
                    ids[lt++] = id;
                } else if (v < pivot) {
                    ids[i] = ids[--gt];
                    ids[gt] = id;
                } else {
                    massEqual += w[id];
                    i++;
                }
            }
            if (acc + massGreater >= target) {
                hi = lt; // the cut lies among the greater ones
            } else if (acc + massGreater + massEqual >= target) {
                acc += massGreater; // the cut lies among the equal ones: take them in id order
                java.util.Arrays.sort(ids, lt, gt);
                for (int j = lt; j < gt; j++) {
                    acc += w[ids[j]];
                    if (acc >= target) return j + 1;
                }
                return gt;
            } else {
                acc += massGreater + massEqual;
                lo = gt;
            }
        }
        return lo; // rounding left the total just short of target: everything was taken
    }

    private static float median(float x, float y, float z) {
        return Math.max(Math.min(x, y), Math.min(Math.max(x, y), z));
    }

    /** Sorts ids[from..to) best first (higher logit, then lower id) by heap sort; no allocation. */
    static void sortDescending(float[] a, int base, int[] ids, int from, int to) {
        int size = to - from;
        for (int i = (size >>> 1) - 1; i >= 0; i--) siftDown(a, base, ids, from, i, size);
        for (int end = size - 1; end > 0; end--) {
            int t = ids[from];
            ids[from] = ids[from + end];
            ids[from + end] = t;
            siftDown(a, base, ids, from, 0, end);
        }
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
        siftDown(a, base, h, 0, i, size);
    }

    /** Min-heap (worst at the root) stored in h[off .. off+size). */
    private static void siftDown(float[] a, int base, int[] h, int off, int i, int size) {
        int x = h[off + i];
        while (true) {
            int c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && worse(a, base, h[off + c + 1], h[off + c])) c++;
            if (!worse(a, base, h[off + c], x)) break;
            h[off + i] = h[off + c];
            i = c;
        }
        h[off + i] = x;
    }
}
