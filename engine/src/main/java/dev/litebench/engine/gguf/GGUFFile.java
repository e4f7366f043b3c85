package dev.litebench.engine.gguf;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.tensor.GGMLType;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.LongStream;

/**
 * A memory-mapped GGUF (v2 or v3) file: metadata and tensor infos parsed and validated up front, tensor data as
 * slices of the mapping, or of an anonymous copy of the file where {@link WeightMemory} chose one. Any inconsistency
 * in the bytes is reported as a one-line {@link BadInputException} that names the file and the problem. Close it to
 * unmap.
 */
public final class GGUFFile implements AutoCloseable {
    public static final int MAGIC = 0x46554747; // "GGUF" little-endian
    public static final int DEFAULT_ALIGNMENT = 32;
    public static final String ALIGNMENT_KEY = "general.alignment";
    static final int MAX_DIMS = 4;

    private final Path path;
    private final Arena arena;
    private final MemorySegment mapping;
    private final WeightMemory.Placement placement;
    private final int version;
    private final Map<String, MetadataValue> metadata;
    private final Map<String, TensorInfo> tensors;
    private final long dataOffset;
    private final int alignment;
    private final RewrittenTensors rewritten;

    private GGUFFile(Path path, Arena arena, MemorySegment mapping, WeightMemory.Placement placement, int version, Map<String, MetadataValue> metadata,
                     Map<String, TensorInfo> tensors, long dataOffset, int alignment) {
        this.path = path;
        this.arena = arena;
        this.mapping = mapping;
        this.placement = placement;
        this.version = version;
        this.metadata = metadata;
        this.tensors = tensors;
        this.dataOffset = dataOffset;
        this.alignment = alignment;
        this.rewritten = new RewrittenTensors(arena, placement != null && placement.copied());
    }

    /** Maps and validates {@code path}, for its metadata and tensor infos. Throws BadInputException for a missing, unreadable or malformed file. */
    public static GGUFFile open(Path path) {
        return open(path, null);
    }

    /**
     * Maps and validates {@code path}, then places its tensor data for computing as {@code memory} says (null: leave
     * it mapped and untouched, for metadata). Throws BadInputException for a missing, unreadable or malformed file.
     */
    public static GGUFFile open(Path path, WeightMemory memory) {
        String name = path.toString();
        if (Files.isDirectory(path)) throw new BadInputException(name + ": is a directory, not a GGUF file");
        Arena arena = Arena.ofShared();
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
            // the same memory seen as a plain native segment: slices of a mapped segment are mapped segments too,
            // whose creation the JIT does not optimise away in the kernels' inner loops
            MemorySegment mapping = MemorySegment.ofAddress(mapped.address()).reinterpret(mapped.byteSize(), arena, null);
            GGUFFile file = parse(path, arena, mapping);
            return memory == null ? file : file.place(ch, memory);
        } catch (NoSuchFileException e) {
            arena.close();
            throw new BadInputException(name + ": no such file");
        } catch (IOException e) {
            arena.close();
            throw new BadInputException(name + ": cannot read: " + e.getMessage());
        } catch (RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    /** Files smaller than this are never copied: their few pages cost nothing to map. */
    static final long COPY_MIN_BYTES = 64L << 20;
    /** Pages touched to learn whether the page cache maps the file in 2 MiB pages. */
    private static final int PROBES = 8;
    private static final long COPY_CHUNK = 64L << 20;
    /**
     * Memory AUTO leaves free beyond a copy: a copy cannot be paged out as the page cache under a mapping can, so on
     * a machine short of memory the file stays mapped.
     */
    private static final long COPY_HEADROOM = 1L << 30;

    private GGUFFile place(FileChannel ch, WeightMemory memory) throws IOException {
        LargePages.advise(mapping);
        Double mappedHuge = probeLargePages();
        if (memory == WeightMemory.MAP || memory == WeightMemory.AUTO && (mappedHuge != null && mappedHuge >= 1
                || fileSize() < COPY_MIN_BYTES || !LargePages.available() || LargePages.availableMemory() < fileSize() + COPY_HEADROOM)) {
            return moveTo(arena, mapping, new WeightMemory.Placement(false, mappedHuge));
        }
        Arena copyArena = Arena.ofShared();
        MemorySegment copy = LargePages.allocate(fileSize(), copyArena);
        if (copy == null && memory == WeightMemory.COPY) copy = copyArena.allocate(fileSize(), LargePages.SIZE);
        if (copy == null) {
            copyArena.close();
            return moveTo(arena, mapping, new WeightMemory.Placement(false, mappedHuge));
        }
        Double copyHuge = null;
        try {
            long hugeBefore = LargePages.hugeBytesAround(copy.address());
            readChunk(ch, copy, 0);
            if (hugeBefore >= 0) {
                copyHuge = LargePages.hugeBytesAround(copy.address()) - hugeBefore >= LargePages.SIZE ? 1.0 : 0.0;
                // 4 KiB anonymous pages fault several times slower than mapping the page cache (measured 2.5-3.5 s
                // against 0.3 for 604 MiB), so AUTO gives up when the kernel did not give 2 MiB pages
                if (copyHuge == 0 && memory == WeightMemory.AUTO) {
                    copyArena.close();
                    return moveTo(arena, mapping, new WeightMemory.Placement(false, mappedHuge));
                }
            }
            // the rest on every core: most of a copy's time is the kernel finding and clearing 2 MiB pages
            MemorySegment into = copy;
            try {
                LongStream.range(1, (fileSize() + COPY_CHUNK - 1) / COPY_CHUNK).parallel().forEach(i -> {
                    try {
                        readChunk(ch, into, i);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
        } catch (IOException | RuntimeException e) {
            copyArena.close();
            throw e;
        }
        arena.close();
        return moveTo(copyArena, copy, new WeightMemory.Placement(true, copyHuge));
    }

    private void readChunk(FileChannel ch, MemorySegment copy, long chunk) throws IOException {
        long at = chunk * COPY_CHUNK;
        ByteBuffer into = copy.asSlice(at, Math.min(COPY_CHUNK, fileSize() - at)).asByteBuffer();
        while (into.hasRemaining()) {
            if (ch.read(into, at + into.position()) < 0) throw new IOException("file shrank while it was read");
        }
    }

    /** This file with its bytes (and tensor slices) in {@code memory}, a copy of the file or the mapping itself. */
    private GGUFFile moveTo(Arena owner, MemorySegment memory, WeightMemory.Placement placement) {
        Map<String, TensorInfo> moved = new LinkedHashMap<>();
        for (TensorInfo t : tensors.values()) {
            moved.put(t.name(), new TensorInfo(t.name(), t.type(), t.shape(), t.fileOffset(), t.byteSize(), memory.asSlice(t.fileOffset(), t.byteSize())));
        }
        return new GGUFFile(path, owner, memory, placement, version, metadata, Collections.unmodifiableMap(moved), dataOffset, alignment);
    }

    /**
     * Touches a few 2 MiB pages spread over the tensor data and returns the share of them the kernel mapped whole
     * (AUTO copies a page cache held partly in 2 MiB folios, as a file written through a mapping can leave it); null
     * where it cannot tell (not Linux, or no whole 2 MiB page in the data).
     */
    private Double probeLargePages() {
        long before = LargePages.hugeBytesAround(mapping.address()); // the header's pages, which parsing touched
        if (before < 0) return null;
        long data = fileSize() - dataOffset;
        long last = -1, touched = 0;
        for (int i = 0; i < PROBES; i++) {
            long at = LargePages.alignUp(mapping.address() + dataOffset + data / PROBES * i) - mapping.address();
            if (at + LargePages.SIZE > fileSize() || at == last) continue;
            mapping.get(ValueLayout.JAVA_BYTE, at);
            last = at;
            touched++;
        }
        long after = touched == 0 ? -1 : LargePages.hugeBytesAround(mapping.address());
        return after < 0 ? null : Math.min(1.0, (double) (after - before) / (touched * LargePages.SIZE));
    }

    /** Where the tensor data is; for a file opened without a {@link WeightMemory}, mapped with the page size not probed. */
    public WeightMemory.Placement placement() {
        return placement != null ? placement : new WeightMemory.Placement(false, null);
    }

    private static GGUFFile parse(Path path, Arena arena, MemorySegment mapping) {
        Reader r = new Reader(mapping, path.toString());
        long size = mapping.byteSize();
        if (size < 4) r.fail("file is " + size + " bytes, too short to be a GGUF file");
        int magic = r.i32();
        if (magic != MAGIC) r.fail(String.format("not a GGUF file (magic 0x%08x, expected \"GGUF\")", magic));
        int version = r.i32();
        if (version != 2 && version != 3) {
            r.fail("unsupported GGUF version " + Integer.toUnsignedString(version) + " (supported: 2, 3)");
        }
        long tensorCount = r.u64("tensor count");
        long kvCount = r.u64("metadata count");
        // every key-value takes at least 8 (key length) + 4 (type) + 1 bytes; every tensor info at least 8+4+8+4+8
        if (kvCount > r.remaining() / 13) r.fail("metadata count " + Long.toUnsignedString(kvCount) + " cannot fit in the file");
        if (tensorCount > r.remaining() / 32) r.fail("tensor count " + Long.toUnsignedString(tensorCount) + " cannot fit in the file");

        Map<String, MetadataValue> metadata = new LinkedHashMap<>();
        for (long i = 0; i < kvCount; i++) {
            String key = r.string("metadata key #" + i);
            int typeId = r.i32();
            GGUFValueType type = GGUFValueType.byId(typeId);
            if (type == null) r.fail("metadata " + quote(key) + " has unknown value type " + Integer.toUnsignedString(typeId));
            if (metadata.containsKey(key)) r.fail("metadata key " + quote(key) + " appears twice");
            metadata.put(key, new MetadataValue(type, r.value(type, key, 0)));
        }

        int alignment = DEFAULT_ALIGNMENT;
        MetadataValue alignValue = metadata.get(ALIGNMENT_KEY);
        if (alignValue != null) {
            long a = alignValue.value() instanceof Number n ? n.longValue() : -1;
            if (a <= 0 || a > (1 << 20) || Long.bitCount(a) != 1) {
                r.fail(ALIGNMENT_KEY + " is " + alignValue + ", expected a power of two");
            }
            alignment = (int) a;
        }

        record RawTensor(String name, GGMLType type, long[] shape, long offset) {}
        RawTensor[] raw = new RawTensor[(int) tensorCount];
        for (int i = 0; i < tensorCount; i++) {
            String tname = r.string("tensor name #" + i);
            int nDims = r.i32();
            if (nDims < 1 || nDims > MAX_DIMS) r.fail("tensor " + quote(tname) + " has " + Integer.toUnsignedString(nDims) + " dimensions (1 to " + MAX_DIMS + " allowed)");
            long[] shape = new long[nDims];
            long elements = 1;
            for (int d = 0; d < nDims; d++) {
                shape[d] = r.i64();
                if (shape[d] <= 0) r.fail("tensor " + quote(tname) + " dimension " + d + " is " + Long.toUnsignedString(shape[d]));
                try {
                    elements = Math.multiplyExact(elements, shape[d]);
                } catch (ArithmeticException e) {
                    r.fail("tensor " + quote(tname) + " shape overflows");
                }
            }
            int typeId = r.i32();
            GGMLType type = GGMLType.byId(typeId);
            if (type == null) r.fail("tensor " + quote(tname) + " has unknown type " + Integer.toUnsignedString(typeId));
            if (shape[0] % type.blockSize != 0) {
                r.fail("tensor " + quote(tname) + " row length " + shape[0] + " is not a multiple of the " + type + " block size " + type.blockSize);
            }
            long offset = r.i64();
            if (offset < 0 || offset % alignment != 0) {
                r.fail("tensor " + quote(tname) + " data offset " + Long.toUnsignedString(offset) + " is not aligned to " + alignment);
            }
            raw[i] = new RawTensor(tname, type, shape, offset);
        }
        long dataOffset = align(r.position(), alignment);

        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        for (RawTensor t : raw) {
            long elements = 1;
            for (long d : t.shape) elements *= d;
            long bytes;
            long start;
            long end;
            try {
                bytes = t.type.bytesFor(elements);
                start = Math.addExact(dataOffset, t.offset);
                end = Math.addExact(start, bytes);
            } catch (ArithmeticException e) {
                throw r.error("tensor " + quote(t.name) + " size overflows");
            }
            if (end > size) {
                r.fail("tensor " + quote(t.name) + " data ends at byte " + end + " past end of file (" + size + ")");
            }
            if (tensors.containsKey(t.name)) r.fail("tensor " + quote(t.name) + " appears twice");
            tensors.put(t.name, new TensorInfo(t.name, t.type, t.shape, start, bytes, mapping.asSlice(start, bytes)));
        }
        return new GGUFFile(path, arena, mapping, null, version, Collections.unmodifiableMap(metadata),
                Collections.unmodifiableMap(tensors), dataOffset, alignment);
    }

    /** A name from the file made safe for a one-line message: control characters escaped, long names cut. */
    static String quote(String name) {
        StringBuilder b = new StringBuilder("'");
        name.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f || c == 0xfffd) b.append(String.format("\\x%02x", c & 0xff));
            else b.appendCodePoint(c);
        });
        if (name.codePointCount(0, name.length()) > 80) b.append("...");
        return b.append('\'').toString();
    }

    static long align(long position, int alignment) {
        return (position + alignment - 1) / alignment * alignment;
    }

    public Path path() {
        return path;
    }

    public int version() {
        return version;
    }

    public long fileSize() {
        return mapping.byteSize();
    }

    public long dataOffset() {
        return dataOffset;
    }

    public int alignment() {
        return alignment;
    }

    public Map<String, MetadataValue> metadata() {
        return metadata;
    }

    public Map<String, TensorInfo> tensors() {
        return tensors;
    }

    /** The tensor called {@code name}, or null. */
    public TensorInfo tensor(String name) {
        return tensors.get(name);
    }

    /** The tensor called {@code name}; a BadInputException naming the file when it is missing. */
    public TensorInfo requireTensor(String name) {
        TensorInfo t = tensors.get(name);
        if (t == null) throw new BadInputException(path + ": tensor '" + name + "' is missing");
        return t;
    }

    public Metadata meta() {
        return new Metadata(path.toString(), metadata);
    }

    /**
     * Tensor {@code t}'s bytes rewritten by {@code rewrite.accept(from, to)} into a layout of the same size that a
     * kernel reads faster (repacked rows), done once per file: later calls for the tensor return the same memory,
     * which stays valid until the file is closed. Where the data was copied into this process
     * ({@link WeightMemory.Placement#copied}) the rewrite happens in place ({@code from == to}) and the tensor's
     * {@link TensorInfo#data} holds the rewritten bytes from then on; a mapping is left as it is.
     */
    public MemorySegment rewritten(TensorInfo t, BiConsumer<MemorySegment, MemorySegment> rewrite) {
        return rewritten.rewrite(t, rewrite);
    }

    @Override
    public void close() {
        arena.close();
    }

    /** Bounds-checked little-endian cursor over the mapping. */
    private static final class Reader {
        private final MemorySegment seg;
        private final String name;
        private long pos;

        Reader(MemorySegment seg, String name) {
            this.seg = seg;
            this.name = name;
        }

        long position() {
            return pos;
        }

        long remaining() {
            return seg.byteSize() - pos;
        }

        BadInputException error(String message) {
            return new BadInputException(name + ": " + message);
        }

        void fail(String message) {
            throw error(message);
        }

        private void need(long n, String what) {
            what = what.length() > 100 ? what.substring(0, 100) + "..." : what;
            if (n < 0 || n > remaining()) {
                fail("truncated: " + what + " at byte " + pos + " needs " + Long.toUnsignedString(n)
                        + " bytes, file ends at " + seg.byteSize());
            }
        }

        int i32() {
            need(4, "a 32-bit value");
            int v = seg.get(Layouts.I32, pos);
            pos += 4;
            return v;
        }

        long i64() {
            need(8, "a 64-bit value");
            long v = seg.get(Layouts.I64, pos);
            pos += 8;
            return v;
        }

        long u64(String what) {
            long v = i64();
            if (v < 0) fail(what + " " + Long.toUnsignedString(v) + " is absurd");
            return v;
        }

        String string(String what) {
            return string(what, -1);
        }

        /**
         * A string that {@code what} names in errors, as element {@code [index]} of it when index >= 0. The name is
         * only put together on failure: vocabularies have hundreds of thousands of elements.
         */
        String string(String what, int index) {
            long len = i64();
            if (len < 0 || len > remaining()) {
                fail("truncated: " + element(what, index) + " at byte " + (pos - 8) + " claims " + Long.toUnsignedString(len)
                        + " bytes, file ends at " + seg.byteSize());
            }
            byte[] bytes = new byte[(int) Math.min(len, Integer.MAX_VALUE - 8)];
            if (bytes.length != len) fail(element(what, index) + " is longer than 2 GB");
            MemorySegment.copy(seg, Layouts.U8, pos, bytes, 0, bytes.length);
            pos += len;
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }

        private static String element(String what, int index) {
            return index < 0 ? what : what + "[" + index + "]";
        }

        Object value(GGUFValueType type, String key, int depth) {
            return switch (type) {
                case UINT8 -> { need(1, "metadata " + quote(key)); yield Byte.toUnsignedInt(seg.get(Layouts.U8, pos++)); }
                case INT8 -> { need(1, "metadata " + quote(key)); yield (int) seg.get(Layouts.U8, pos++); }
                case UINT16 -> { need(2, "metadata " + quote(key)); int v = Short.toUnsignedInt(seg.get(Layouts.I16, pos)); pos += 2; yield v; }
                case INT16 -> { need(2, "metadata " + quote(key)); int v = seg.get(Layouts.I16, pos); pos += 2; yield v; }
                case UINT32 -> Integer.toUnsignedLong(i32());
                case INT32 -> i32();
                case FLOAT32 -> Float.intBitsToFloat(i32());
                case BOOL -> {
                    need(1, "metadata " + quote(key));
                    byte b = seg.get(Layouts.U8, pos++);
                    if (b != 0 && b != 1) fail("metadata " + quote(key) + " is a bool with value " + Byte.toUnsignedInt(b));
                    yield b == 1;
                }
                case STRING -> string("metadata " + quote(key));
                case UINT64, INT64 -> i64();
                case FLOAT64 -> Double.longBitsToDouble(i64());
                case ARRAY -> array(key, depth);
            };
        }

        private GGUFArray array(String key, int depth) {
            if (depth > 8) fail("metadata " + quote(key) + " nests arrays more than 8 deep");
            int typeId = i32();
            GGUFValueType type = GGUFValueType.byId(typeId);
            if (type == null) fail("metadata " + quote(key) + " is an array of unknown type " + Integer.toUnsignedString(typeId));
            long count = i64();
            if (count < 0 || count > remaining() / type.minBytes || count > Integer.MAX_VALUE - 8) {
                fail("truncated: metadata " + quote(key) + " claims " + Long.toUnsignedString(count) + " " + type.name().toLowerCase()
                        + " elements, more than the " + remaining() + " bytes left in the file");
            }
            int n = (int) count;
            Object values = switch (type) {
                case UINT8, INT8 -> { need(n, "metadata " + quote(key)); byte[] a = new byte[n]; MemorySegment.copy(seg, Layouts.U8, pos, a, 0, n); pos += n; yield a; }
                case BOOL -> {
                    need(n, "metadata " + quote(key));
                    boolean[] a = new boolean[n];
                    for (int i = 0; i < n; i++) a[i] = seg.get(Layouts.U8, pos++) != 0;
                    yield a;
                }
                case UINT16, INT16 -> { need(2L * n, "metadata " + quote(key)); short[] a = new short[n]; MemorySegment.copy(seg, Layouts.I16, pos, a, 0, n); pos += 2L * n; yield a; }
                case UINT32, INT32 -> { need(4L * n, "metadata " + quote(key)); int[] a = new int[n]; MemorySegment.copy(seg, Layouts.I32, pos, a, 0, n); pos += 4L * n; yield a; }
                case FLOAT32 -> { need(4L * n, "metadata " + quote(key)); float[] a = new float[n]; MemorySegment.copy(seg, Layouts.F32, pos, a, 0, n); pos += 4L * n; yield a; }
                case UINT64, INT64 -> { need(8L * n, "metadata " + quote(key)); long[] a = new long[n]; MemorySegment.copy(seg, Layouts.I64, pos, a, 0, n); pos += 8L * n; yield a; }
                case FLOAT64 -> { need(8L * n, "metadata " + quote(key)); double[] a = new double[n]; MemorySegment.copy(seg, Layouts.F64, pos, a, 0, n); pos += 8L * n; yield a; }
                case STRING -> {
                    String[] a = new String[n];
                    String what = "metadata " + quote(key);
                    for (int i = 0; i < n; i++) a[i] = string(what, i);
                    yield a;
                }
                case ARRAY -> {
                    GGUFArray[] a = new GGUFArray[n];
                    for (int i = 0; i < n; i++) a[i] = array(key, depth + 1);
                    yield a;
                }
            };
            return new GGUFArray(type, values);
        }
    }
}
