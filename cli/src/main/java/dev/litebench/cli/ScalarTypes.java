package dev.litebench.cli;

import dev.litebench.engine.gguf.GGUFFile;
import dev.litebench.engine.gguf.TensorInfo;
import dev.litebench.engine.kernel.MatrixKernel;
import dev.litebench.engine.tensor.GGMLType;

import java.util.SortedSet;
import java.util.stream.Collectors;

/** Which of a model file's weight types run on scalar code on this machine, said so that a slow run explains itself. */
final class ScalarTypes {
    private ScalarTypes() {}

    /** The file's matrix types that have no vector kernel here. */
    static SortedSet<GGMLType> of(GGUFFile f) {
        return MatrixKernel.scalarTypes(f.tensors().values().stream().filter(t -> t.shape().length == 2).map(TensorInfo::type).toList());
    }

    /** A one-line note naming them, or null when every matrix type has a vector kernel here. */
    static String note(GGUFFile f) {
        SortedSet<GGMLType> slow = of(f);
        if (slow.isEmpty()) return null;
        return slow.stream().map(Enum::name).collect(Collectors.joining(", ")) + " run on scalar code on this CPU, several times"
                + " slower than the vector kernels (IQ4_NL and IQ4_XS have them for 512-bit vectors only; without 256-bit"
                + " vectors every type runs on scalar code)";
    }
}
