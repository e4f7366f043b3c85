package dev.litebench.engine.gguf;

import dev.litebench.engine.tensor.GGMLType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Array;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes GGUF v3 files that llama.cpp loads. Tensor data is produced by a callback that fills the tensor's slice
 * of the memory-mapped output, so multi-gigabyte files are written without holding them on the heap. Tensors are
 * filled in parallel. The file is written under a temporary name and moved into place when complete.
 */
public final class GGUFWriter {

    /** A tensor to write: {@code fill} receives the tensor's slice of the output file. */
    public record TensorSpec(String name, GGMLType type, long[] shape, Consumer<MemorySegment> fill) {
        long elements() {
            long n = 1;
            for (long d : shape) n = Math.multiplyExact(n, d);
            return n;
        }
    }

    private final Map<String, MetadataValue> metadata = new LinkedHashMap<>();
    private final List<TensorSpec> tensors = new ArrayList<>();
    private int alignment = GGUFFile.DEFAULT_ALIGNMENT;

    public GGUFWriter put(String key, MetadataValue value) {
        metadata.put(key, value);
        if (key.equals(GGUFFile.ALIGNMENT_KEY)) alignment = ((Number) value.value()).intValue();
        return this;
    }

    public GGUFWriter putAll(Map<String, MetadataValue> values) {
        values.forEach(this::put);
        return this;
    }

    public GGUFWriter tensor(String name, GGMLType type, long[] shape, Consumer<MemorySegment> fill) {
        if (shape[0] % type.blockSize != 0) {
            throw new IllegalArgumentException(name + ": row length " + shape[0] + " is not a multiple of " + type + " block size " + type.blockSize);
        }
        tensors.add(new TensorSpec(name, type, shape.clone(), fill));
        return this;
    }

    public void write(Path out) throws IOException {
        byte[] header = header();
        long dataStart = GGUFFile.align(header.length, alignment);
        long[] offsets = new long[tensors.size()];
        long pos = 0;
        for (int i = 0; i < tensors.size(); i++) {
            offsets[i] = pos;
            TensorSpec t = tensors.get(i);
            pos = GGUFFile.align(pos + t.type().bytesFor(t.elements()), alignment);
        }
        long total = dataStart + pos;
        Path dir = out.toAbsolutePath().getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, out.getFileName().toString(), ".partial");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.READ, StandardOpenOption.WRITE);
                 Arena arena = Arena.ofShared()) {
                MemorySegment file = ch.map(FileChannel.MapMode.READ_WRITE, 0, total, arena);
                MemorySegment.copy(MemorySegment.ofArray(header), 0, file, 0, header.length);
                java.util.stream.IntStream.range(0, tensors.size()).parallel().forEach(i -> {
                    TensorSpec t = tensors.get(i);
                    t.fill().accept(file.asSlice(dataStart + offsets[i], t.type().bytesFor(t.elements())));
                });
                file.force();
            }
            Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private byte[] header() {
        Encoder e = new Encoder();
        e.i32(GGUFFile.MAGIC);
        e.i32(3);
        e.i64(tensors.size());
        e.i64(metadata.size());
        metadata.forEach((k, v) -> {
            e.string(k);
            e.i32(v.type().ordinal());
            e.value(v.type(), v.value());
        });
        long offset = 0;
        for (TensorSpec t : tensors) {
            e.string(t.name());
            e.i32(t.shape().length);
            for (long d : t.shape()) e.i64(d);
            e.i32(t.type().id);
            e.i64(offset);
            offset = GGUFFile.align(offset + t.type().bytesFor(t.elements()), alignment);
        }
        return e.bytes();
    }

    /** Little-endian encoder for header values. */
    private static final class Encoder {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteBuffer scratch = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);

        byte[] bytes() {
            return out.toByteArray();
        }

        void i8(int v) {
            out.write(v);
        }

        void i16(int v) {
            scratch.clear();
            scratch.putShort((short) v);
            out.write(scratch.array(), 0, 2);
        }

        void i32(int v) {
            scratch.clear();
            scratch.putInt(v);
            out.write(scratch.array(), 0, 4);
        }

        void i64(long v) {
            scratch.clear();
            scratch.putLong(v);
            out.write(scratch.array(), 0, 8);
        }

        void string(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            i64(b.length);
            out.write(b, 0, b.length);
        }

        void value(GGUFValueType type, Object v) {
            switch (type) {
                case UINT8, INT8 -> i8(((Number) v).intValue());
                case UINT16, INT16 -> i16(((Number) v).intValue());
                case UINT32, INT32 -> i32(((Number) v).intValue());
                case FLOAT32 -> i32(Float.floatToRawIntBits(((Number) v).floatValue()));
                case BOOL -> i8((Boolean) v ? 1 : 0);
                case STRING -> string((String) v);
                case UINT64, INT64 -> i64(((Number) v).longValue());
                case FLOAT64 -> i64(Double.doubleToRawLongBits(((Number) v).doubleValue()));
                case ARRAY -> {
                    GGUFArray a = (GGUFArray) v;
                    i32(a.elementType().ordinal());
                    int n = a.length();
                    i64(n);
                    for (int i = 0; i < n; i++) {
                        Object element = Array.get(a.values(), i);
                        value(a.elementType(), element);
                    }
                }
            }
        }
    }
}
