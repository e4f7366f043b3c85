package dev.litebench.engine.tensor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cross-check against real ggml output: {@code tiny-qwen3-q8_0.gguf} was made by {@code llama-quantize} from
 * {@code tiny-qwen3-f32.gguf} (likewise qwen2) (F32 layer matrices, F16 token_embd). Decoding each source tensor and quantizing it
 * with {@link Q8_0Codec} must give the bytes llama-quantize wrote. Skipped when the fixtures are absent. The GGUF
 * reading here is a minimal test-only parser, not the engine's.
 */
class GgufFixtureCrossCheckTest {

    private static Path fixture(String name) {
        String dir = System.getProperty("litebench.fixtures");
        return dir == null ? null : Path.of(dir, "models", name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"tiny-qwen3", "tiny-qwen2"})
    void q8_0OfTheF32ModelIsWhatLlamaQuantizeWrote(String model) throws IOException {
        Path f32 = fixture(model + "-f32.gguf");
        Path q8 = fixture(model + "-q8_0.gguf");
        assumeTrue(f32 != null && Files.isReadable(f32) && Files.isReadable(q8), "fixture models not present");
        try (Arena arena = Arena.ofConfined()) {
            MiniGguf src = new MiniGguf(map(f32, arena));
            MiniGguf dst = new MiniGguf(map(q8, arena));
            int checked = 0;
            boolean sawF16 = false;
            for (var e : dst.tensors.entrySet()) {
                MiniGguf.Info qi = e.getValue();
                if (qi.type != GGMLType.Q8_0) continue;
                MiniGguf.Info si = src.tensors.get(e.getKey());
                assertThat(si).as(e.getKey()).isNotNull();
                assertThat(si.elements).isEqualTo(qi.elements);
                sawF16 |= si.type == GGMLType.F16;

                float[] values = new float[Math.toIntExact(si.elements)];
                Codecs.forType(si.type).dequantize(src.data(si), 0, values, 0, values.length);
                byte[] ours = CodecTesting.encode(Q8_0Codec.INSTANCE, values);
                byte[] theirs = dst.data(qi).toArray(ValueLayout.JAVA_BYTE);
                assertThat(ours).as("%s (%s -> Q8_0)", e.getKey(), si.type).isEqualTo(theirs);

                float[] decoded = new float[values.length];
                Q8_0Codec.INSTANCE.dequantize(dst.data(qi), 0, decoded, 0, decoded.length);
                double amax = 0;
                for (float v : values) amax = Math.max(amax, Math.abs(v));
                assertThat(CodecTesting.maxAbsDiff(values, decoded, 0, values.length)).isLessThan(amax / 127);
                checked++;
            }
            assertThat(checked).isGreaterThanOrEqualTo(15); // token_embd + 7 matrices in each of 2 layers
            assertThat(sawF16).as("token_embd is F16 in the source").isTrue();
        }
    }

    private static MemorySegment map(Path p, Arena arena) throws IOException {
        try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, ch.size(), arena);
        }
    }

    /** Just enough GGUF (v2/v3) to find tensors: skips metadata values, honours general.alignment. */
    static final class MiniGguf {
        record Info(GGMLType type, long elements, long offset) {}

        private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

        final Map<String, Info> tensors = new LinkedHashMap<>();
        private final MemorySegment file;
        private long pos;
        private final long dataStart;

        MiniGguf(MemorySegment file) {
            this.file = file;
            assertThat(u32()).as("magic").isEqualTo(0x46554747);
            assertThat(u32()).as("version").isBetween(2, 3);
            long nTensors = u64();
            long nKv = u64();
            long alignment = 32;
            for (long i = 0; i < nKv; i++) {
                String key = str();
                int type = u32();
                if (key.equals("general.alignment") && type == 4) {
                    alignment = u32();
                } else {
                    skip(type);
                }
            }
            for (long i = 0; i < nTensors; i++) {
                String name = str();
                int nDims = u32();
                long n = 1;
                for (int d = 0; d < nDims; d++) n *= u64();
                GGMLType type = GGMLType.byId(u32());
                tensors.put(name, new Info(type, n, u64()));
            }
            dataStart = (pos + alignment - 1) / alignment * alignment;
        }

        MemorySegment data(Info t) {
            return file.asSlice(dataStart + t.offset, t.type.bytesFor(t.elements));
        }

        private int u32() {
            int v = file.get(I32, pos);
            pos += 4;
            return v;
        }

        private long u64() {
            long v = file.get(I64, pos);
            pos += 8;
            return v;
        }

        private String str() {
            int n = Math.toIntExact(u64());
            byte[] b = file.asSlice(pos, n).toArray(ValueLayout.JAVA_BYTE);
            pos += n;
            return new String(b, StandardCharsets.UTF_8);
        }

        private void skip(int type) {
            switch (type) {
                case 0, 1, 7 -> pos += 1;
                case 2, 3 -> pos += 2;
                case 4, 5, 6 -> pos += 4;
                case 10, 11, 12 -> pos += 8;
                case 8 -> str();
                case 9 -> {
                    int elemType = u32();
                    long n = u64();
                    for (long i = 0; i < n; i++) skip(elemType);
                }
                default -> throw new IllegalStateException("GGUF value type " + type);
            }
        }
    }
}
