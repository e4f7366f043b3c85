package dev.litebench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float products of a tile of decoded weight rows with many activation rows, register-blocked four weight rows by
 * two activation rows so that each loaded vector feeds several multiply-adds. The tile stays in cache while every
 * activation row streams past it once.
 */
final class Gemm {
    private static final VectorSpecies<Float> F = MatrixKernel.F;

    private Gemm() {}

    /**
     * {@code out[b * outStride + row0 + i] = w[i * n ..] . x[b * n ..]} for i in [0, rows), b in [0, batch).
     */
    static void tile(float[] w, int rows, int n, float[] x, int batch, float[] out, int outStride, int row0) {
        if (!MatrixKernel.VECTORIZE || n % F.length() != 0) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < rows; i++) out[b * outStride + row0 + i] = MatrixKernel.dotF32(w, i * n, x, b * n, n);
            }
            return;
        }
        int b = 0;
        for (; b + 2 <= batch; b += 2) {
            int i = 0;
            for (; i + 4 <= rows; i += 4) block4x2(w, i, n, x, b, out, outStride, row0);
            for (; i < rows; i++) {
                out[b * outStride + row0 + i] = MatrixKernel.dotF32(w, i * n, x, b * n, n);
                out[(b + 1) * outStride + row0 + i] = MatrixKernel.dotF32(w, i * n, x, (b + 1) * n, n);
            }
        }
        for (; b < batch; b++) {
            for (int i = 0; i < rows; i++) out[b * outStride + row0 + i] = MatrixKernel.dotF32(w, i * n, x, b * n, n);
        }
    }

    private static void block4x2(float[] w, int i, int n, float[] x, int b, float[] out, int outStride, int row0) {
        FloatVector a00 = FloatVector.zero(F), a10 = FloatVector.zero(F), a20 = FloatVector.zero(F), a30 = FloatVector.zero(F);
        FloatVector a01 = FloatVector.zero(F), a11 = FloatVector.zero(F), a21 = FloatVector.zero(F), a31 = FloatVector.zero(F);
        int w0 = i * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        int x0 = b * n, x1 = x0 + n;
        for (int k = 0; k < n; k += F.length()) {
            FloatVector xa = FloatVector.fromArray(F, x, x0 + k);
            FloatVector xb = FloatVector.fromArray(F, x, x1 + k);
            FloatVector v0 = FloatVector.fromArray(F, w, w0 + k);
            a00 = v0.fma(xa, a00);
            a01 = v0.fma(xb, a01);
            FloatVector v1 = FloatVector.fromArray(F, w, w1 + k);
            a10 = v1.fma(xa, a10);
            a11 = v1.fma(xb, a11);
            FloatVector v2 = FloatVector.fromArray(F, w, w2 + k);
            a20 = v2.fma(xa, a20);
            a21 = v2.fma(xb, a21);
            FloatVector v3 = FloatVector.fromArray(F, w, w3 + k);
            a30 = v3.fma(xa, a30);
            a31 = v3.fma(xb, a31);
        }
        int o0 = b * outStride + row0 + i, o1 = o0 + outStride;
        out[o0] = a00.reduceLanes(VectorOperators.ADD);
        out[o0 + 1] = a10.reduceLanes(VectorOperators.ADD);
        out[o0 + 2] = a20.reduceLanes(VectorOperators.ADD);
        out[o0 + 3] = a30.reduceLanes(VectorOperators.ADD);
        out[o1] = a01.reduceLanes(VectorOperators.ADD);
        out[o1 + 1] = a11.reduceLanes(VectorOperators.ADD);
        out[o1 + 2] = a21.reduceLanes(VectorOperators.ADD);
        out[o1 + 3] = a31.reduceLanes(VectorOperators.ADD);
    }
}
