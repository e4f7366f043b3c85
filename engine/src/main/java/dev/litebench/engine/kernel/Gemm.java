package dev.litebench.engine.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float products of a tile of decoded weight rows with many activation rows, register-blocked four weight rows by
 * four activation rows so that each loaded vector feeds several multiply-adds. The tile stays in cache while every
 * activation row streams past it once.
 */
public final class Gemm {
    private static final VectorSpecies<Float> F = MatrixKernel.F;

    private Gemm() {}

    /**
     * {@code out[b * outStride + row0 + i] = w[i * n ..] . x[b * n ..]} for i in [0, rows), b in [0, batch).
     */
    public static void tile(float[] w, int rows, int n, float[] x, int batch, float[] out, int outStride, int row0) {
        if (!MatrixKernel.VECTORIZE || n % F.length() != 0) {
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < rows; i++) out[b * outStride + row0 + i] = MatrixKernel.dotF32(w, i * n, x, b * n, n);
            }
            return;
        }
        int b = 0;
        for (; b + 4 <= batch; b += 4) {
            int i = 0;
            for (; i + 4 <= rows; i += 4) block4x4(w, i, n, x, b, out, outStride, row0);
            for (; i < rows; i++) {
                for (int j = b; j < b + 4; j++) out[j * outStride + row0 + i] = dot(w, i * n, x, j * n, n);
            }
        }
        for (; b < batch; b++) {
            for (int i = 0; i < rows; i++) out[b * outStride + row0 + i] = dot(w, i * n, x, b * n, n);
        }
    }

    /**
     * One dot product summed in exactly the order of {@link #block4x4}'s, so a result does not depend on whether its
     * row fell in a block or a remainder, which would otherwise vary with how rows are split across threads. (Unlike
     * the row kernels, the blocks keep reduceLanes: the fixed-order {@link Lanes#sum} is too large to inline 16
     * times there, and vectors passed to a call that is not inlined get boxed, which measured 15 times slower.)
     */
    private static float dot(float[] w, int wOff, float[] x, int xOff, int n) {
        FloatVector acc = FloatVector.zero(F);
        for (int k = 0; k < n; k += F.length()) acc = FloatVector.fromArray(F, w, wOff + k).fma(FloatVector.fromArray(F, x, xOff + k), acc);
        return acc.reduceLanes(VectorOperators.ADD);
    }

    private static void block4x4(float[] w, int i, int n, float[] x, int b, float[] out, int outStride, int row0) {
        FloatVector a00 = FloatVector.zero(F), a01 = FloatVector.zero(F), a02 = FloatVector.zero(F), a03 = FloatVector.zero(F);
        FloatVector a10 = FloatVector.zero(F), a11 = FloatVector.zero(F), a12 = FloatVector.zero(F), a13 = FloatVector.zero(F);
        FloatVector a20 = FloatVector.zero(F), a21 = FloatVector.zero(F), a22 = FloatVector.zero(F), a23 = FloatVector.zero(F);
        FloatVector a30 = FloatVector.zero(F), a31 = FloatVector.zero(F), a32 = FloatVector.zero(F), a33 = FloatVector.zero(F);
        int w0 = i * n, w1 = w0 + n, w2 = w1 + n, w3 = w2 + n;
        int x0 = b * n, x1 = x0 + n, x2 = x1 + n, x3 = x2 + n;
        for (int k = 0; k < n; k += F.length()) {
            FloatVector xa = FloatVector.fromArray(F, x, x0 + k);
            FloatVector xb = FloatVector.fromArray(F, x, x1 + k);
            FloatVector xc = FloatVector.fromArray(F, x, x2 + k);
            FloatVector xd = FloatVector.fromArray(F, x, x3 + k);
            FloatVector v = FloatVector.fromArray(F, w, w0 + k);
            a00 = v.fma(xa, a00);
            a01 = v.fma(xb, a01);
            a02 = v.fma(xc, a02);
            a03 = v.fma(xd, a03);
            v = FloatVector.fromArray(F, w, w1 + k);
            a10 = v.fma(xa, a10);
            a11 = v.fma(xb, a11);
            a12 = v.fma(xc, a12);
            a13 = v.fma(xd, a13);
            v = FloatVector.fromArray(F, w, w2 + k);
            a20 = v.fma(xa, a20);
            a21 = v.fma(xb, a21);
            a22 = v.fma(xc, a22);
            a23 = v.fma(xd, a23);
            v = FloatVector.fromArray(F, w, w3 + k);
            a30 = v.fma(xa, a30);
            a31 = v.fma(xb, a31);
            a32 = v.fma(xc, a32);
            a33 = v.fma(xd, a33);
        }
        store(out, b * outStride + row0 + i, a00, a10, a20, a30);
        store(out, (b + 1) * outStride + row0 + i, a01, a11, a21, a31);
        store(out, (b + 2) * outStride + row0 + i, a02, a12, a22, a32);
        store(out, (b + 3) * outStride + row0 + i, a03, a13, a23, a33);
    }

    private static void store(float[] out, int o, FloatVector r0, FloatVector r1, FloatVector r2, FloatVector r3) {
        out[o] = r0.reduceLanes(VectorOperators.ADD);
        out[o + 1] = r1.reduceLanes(VectorOperators.ADD);
        out[o + 2] = r2.reduceLanes(VectorOperators.ADD);
        out[o + 3] = r3.reduceLanes(VectorOperators.ADD);
    }
}
