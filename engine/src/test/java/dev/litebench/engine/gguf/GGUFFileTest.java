package dev.litebench.engine.gguf;

import dev.litebench.engine.BadInputException;
import dev.litebench.engine.tensor.GGMLType;
import dev.litebench.engine.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GGUFFileTest {
    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    @TempDir
    Path dir;

    private Path writeSample(int alignment) throws IOException {
        Path p = dir.resolve("sample-" + alignment + ".gguf");
        GGUFWriter w = new GGUFWriter()
                .put("general.architecture", MetadataValue.string("qwen3"))
                .put(GGUFFile.ALIGNMENT_KEY, MetadataValue.uint32(alignment))
                .put("u8", new MetadataValue(GGUFValueType.UINT8, 200))
                .put("i8", new MetadataValue(GGUFValueType.INT8, -5))
                .put("u16", new MetadataValue(GGUFValueType.UINT16, 60000))
                .put("i16", new MetadataValue(GGUFValueType.INT16, -30000))
                .put("u32", MetadataValue.uint32(4_000_000_000L))
                .put("i32", MetadataValue.int32(-7))
                .put("f32", MetadataValue.float32(1.5f))
                .put("bool", MetadataValue.bool(true))
                .put("u64", new MetadataValue(GGUFValueType.UINT64, 1L << 40))
                .put("i64", new MetadataValue(GGUFValueType.INT64, -(1L << 40)))
                .put("f64", new MetadataValue(GGUFValueType.FLOAT64, 0.1))
                .put("strings", MetadataValue.strings(List.of("a", "", "中文")))
                .put("ints", MetadataValue.int32s(new int[] {1, -2, 3}))
                .put("bools", new MetadataValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.BOOL, new boolean[] {true, false})))
                .put("nested", new MetadataValue(GGUFValueType.ARRAY, new GGUFArray(GGUFValueType.ARRAY, new GGUFArray[] {
                        new GGUFArray(GGUFValueType.INT32, new int[] {1, 2}),
                        new GGUFArray(GGUFValueType.STRING, new String[] {"x"})})));
        w.tensor("a", GGMLType.F32, new long[] {3, 2}, seg -> {
            for (int i = 0; i < 6; i++) seg.set(F32, i * 4L, i + 0.5f);
        });
        w.tensor("b", GGMLType.F32, new long[] {5}, seg -> {
            for (int i = 0; i < 5; i++) seg.set(F32, i * 4L, -i);
        });
        w.write(p);
        return p;
    }

    @Test
    void roundTripsEveryValueTypeAndTensorData() throws IOException {
        for (int alignment : new int[] {32, 64, 1}) {
            try (GGUFFile f = GGUFFile.open(writeSample(alignment))) {
                Metadata m = f.meta();
                assertThat(f.version()).isEqualTo(3);
                assertThat(f.alignment()).isEqualTo(alignment);
                assertThat(m.string("general.architecture")).isEqualTo("qwen3");
                assertThat(m.integer("u8")).isEqualTo(200);
                assertThat(m.integer("i8")).isEqualTo(-5);
                assertThat(m.integer("u16")).isEqualTo(60000);
                assertThat(m.integer("i16")).isEqualTo(-30000);
                assertThat(m.integer("u32")).isEqualTo(4_000_000_000L);
                assertThat(m.integer("i32")).isEqualTo(-7);
                assertThat(m.number("f32")).isEqualTo(1.5);
                assertThat(m.bool("bool", false)).isTrue();
                assertThat(m.integer("u64")).isEqualTo(1L << 40);
                assertThat(m.integer("i64")).isEqualTo(-(1L << 40));
                assertThat(m.number("f64")).isEqualTo(0.1);
                assertThat(m.strings("strings")).containsExactly("a", "", "中文");
                assertThat(m.ints("ints")).containsExactly(1, -2, 3);
                assertThat((boolean[]) ((GGUFArray) m.get("bools").value()).values()).containsExactly(true, false);
                GGUFArray[] nested = (GGUFArray[]) ((GGUFArray) m.get("nested").value()).values();
                assertThat((int[]) nested[0].values()).containsExactly(1, 2);
                assertThat((String[]) nested[1].values()).containsExactly("x");

                TensorInfo a = f.requireTensor("a");
                assertThat(a.cols()).isEqualTo(3);
                assertThat(a.rows()).isEqualTo(2);
                assertThat(a.fileOffset() % alignment).isZero();
                assertThat(a.data().get(F32, 5 * 4L)).isEqualTo(5.5f);
                TensorInfo b = f.requireTensor("b");
                assertThat(b.fileOffset() % alignment).isZero();
                assertThat(b.data().get(F32, 4 * 4L)).isEqualTo(-4f);
            }
        }
    }

    @Test
    void missingTensorAndKeysAreNamed() throws IOException {
        try (GGUFFile f = GGUFFile.open(writeSample(32))) {
            assertThatThrownBy(() -> f.requireTensor("nope")).isInstanceOf(BadInputException.class)
                    .hasMessageEndingWith("tensor 'nope' is missing");
            assertThatThrownBy(() -> f.meta().integer("general.architecture")).hasMessageContaining("metadata 'general.architecture' is string, expected an integer");
            assertThatThrownBy(() -> f.meta().string("absent")).hasMessageContaining("metadata 'absent' is missing");
        }
    }

    @Test
    void rejectsNonGgufAndMissingFiles() throws IOException {
        Path p = dir.resolve("x.gguf");
        Files.writeString(p, "hello world, not a model");
        assertThatThrownBy(() -> GGUFFile.open(p)).isInstanceOf(BadInputException.class).hasMessageContaining("not a GGUF file");
        assertThatThrownBy(() -> GGUFFile.open(dir.resolve("absent.gguf"))).isInstanceOf(BadInputException.class)
                .hasMessageEndingWith("absent.gguf: no such file");
        Files.write(p, new byte[0]);
        assertThatThrownBy(() -> GGUFFile.open(p)).hasMessageContaining("too short");
        assertThatThrownBy(() -> GGUFFile.open(dir)).hasMessageContaining("is a directory");
    }

    @Test
    void everyTruncationFailsWithOneLineMessage() throws IOException {
        Path sample = writeSample(32);
        byte[] full = Files.readAllBytes(sample);
        long dataEnd;
        try (GGUFFile f = GGUFFile.open(sample)) {
            TensorInfo last = f.requireTensor("b");
            dataEnd = last.fileOffset() + last.byteSize(); // the alignment padding after it is optional
        }
        Path p = dir.resolve("trunc.gguf");
        for (int len = 0; len < dataEnd; len++) {
            Files.write(p, Arrays.copyOf(full, len));
            assertThatThrownBy(() -> GGUFFile.open(p).close()).as("truncated to %d bytes", len)
                    .isInstanceOf(BadInputException.class)
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").startsWith(p.toString()));
        }
    }

    @Test
    void aTruncatedArrayElementIsNamedWithItsIndex() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(32));
        byte[] last = "中文".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int at = -1; // the last element of "strings": its length, then its bytes
        for (int i = 0; i + last.length <= full.length && at < 0; i++) {
            if (Arrays.equals(full, i, i + last.length, last, 0, last.length)) at = i;
        }
        Path p = dir.resolve("cut-element.gguf");
        Files.write(p, Arrays.copyOf(full, at + 2));
        assertThatThrownBy(() -> GGUFFile.open(p)).hasMessageContaining("metadata 'strings'[2] at byte " + (at - 8) + " claims 6 bytes");
    }

    @Test
    void tensorPastEndOfFileIsReportedWithOffsets() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(32));
        Path p = dir.resolve("short.gguf");
        Files.write(p, Arrays.copyOf(full, full.length - 16));
        assertThatThrownBy(() -> GGUFFile.open(p)).hasMessageMatching(".*tensor 'b' data ends at byte \\d+ past end of file \\(\\d+\\)");
    }

    @Test
    void bitFlipsNeverEscapeAsAnythingButBadInput() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(32));
        Path p = dir.resolve("flipped.gguf");
        Random rnd = new Random(1);
        int headerEnd = full.length - 64; // flips in the tensor data are legal
        for (int trial = 0; trial < 3000; trial++) {
            byte[] b = full.clone();
            int flips = 1 + rnd.nextInt(3);
            for (int k = 0; k < flips; k++) b[rnd.nextInt(headerEnd)] ^= (byte) (1 << rnd.nextInt(8));
            Files.write(p, b);
            try {
                GGUFFile.open(p).close();
            } catch (BadInputException e) {
                assertThat(e.getMessage()).doesNotContain("\n");
            }
        }
    }

    @Test
    void absurdCountsAreRejectedWithoutAllocating() throws IOException {
        byte[] full = Files.readAllBytes(writeSample(32));
        // tensor count at byte 8: claim 2^62 tensors
        MemorySegment.ofArray(full).set(ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 8, 1L << 62);
        Path p = dir.resolve("absurd.gguf");
        Files.write(p, full);
        assertThatThrownBy(() -> GGUFFile.open(p)).hasMessageContaining("tensor count 4611686018427387904 cannot fit");
    }

    @Test
    void readsLlamaCppWrittenModel() {
        Path model = Fixtures.require("models/tiny-qwen3-q8_0.gguf");
        try (GGUFFile f = GGUFFile.open(model)) {
            Metadata m = f.meta();
            assertThat(m.string("general.architecture")).isEqualTo("qwen3");
            assertThat(m.integer("qwen3.block_count")).isEqualTo(2);
            assertThat(m.strings("tokenizer.ggml.tokens")).hasSize(151936);
            assertThat(m.string("tokenizer.ggml.pre")).isEqualTo("qwen2");
            TensorInfo embd = f.requireTensor("token_embd.weight");
            assertThat(embd.type()).isEqualTo(GGMLType.Q8_0);
            assertThat(embd.shape()).containsExactly(64, 151936);
            assertThat(f.requireTensor("blk.0.attn_norm.weight").type()).isEqualTo(GGMLType.F32);
        }
    }

    @Test
    void rewritesLlamaCppModelIdentically() throws IOException {
        Path model = Fixtures.require("models/tiny-qwen3-f32.gguf");
        Path copy = dir.resolve("copy.gguf");
        try (GGUFFile f = GGUFFile.open(model)) {
            GGUFWriter w = new GGUFWriter().putAll(f.metadata());
            for (TensorInfo t : f.tensors().values()) {
                w.tensor(t.name(), t.type(), t.shape(), dst -> MemorySegment.copy(t.data(), 0, dst, 0, t.byteSize()));
            }
            w.write(copy);
        }
        assertThat(Files.mismatch(model, copy)).isEqualTo(-1L);
    }
}
