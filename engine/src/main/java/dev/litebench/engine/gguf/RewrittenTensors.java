package dev.litebench.engine.gguf;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Tensors rewritten into a kernel's own layout ({@link GGUFFile#rewritten}), each once per file. A copy of the file
 * is rewritten in place; a mapped file is left as it is, the rewritten bytes go to anonymous memory taken in chunks
 * on 2 MiB pages, and the mapping's pages of the tensor are dropped from the process (they stay in the page cache).
 */
final class RewrittenTensors {
    /** Chunks are this large, so that small tensors share 2 MiB pages; a chunk's untouched tail costs no memory. */
    private static final long CHUNK = 64L << 20;
    private static final long ALIGN = 64;

    private final Arena arena;
    private final boolean inPlace;
    private final Map<String, MemorySegment> done = new HashMap<>();
    private MemorySegment chunk;
    private long used;

    RewrittenTensors(Arena arena, boolean inPlace) {
        this.arena = arena;
        this.inPlace = inPlace;
    }

    synchronized MemorySegment rewrite(TensorInfo t, BiConsumer<MemorySegment, MemorySegment> rewrite) {
        MemorySegment rewritten = done.get(t.name());
        if (rewritten != null) return rewritten;
        if (inPlace) {
            rewritten = t.data();
            rewrite.accept(rewritten, rewritten);
        } else {
            rewritten = allocate(t.byteSize());
            rewrite.accept(t.data(), rewritten);
            LargePages.release(t.data());
        }
        done.put(t.name(), rewritten);
        return rewritten;
    }

    private MemorySegment allocate(long bytes) {
        long aligned = (bytes + ALIGN - 1) & -ALIGN;
        if (chunk == null || used + aligned > chunk.byteSize()) {
            MemorySegment large = LargePages.allocate(Math.max(CHUNK, aligned), arena);
            if (large == null) return arena.allocate(bytes, ALIGN);
            chunk = large;
            used = 0;
        }
        MemorySegment s = chunk.asSlice(used, bytes);
        used += aligned;
        return s;
    }
}
