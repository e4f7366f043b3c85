package dev.litebench.engine.tokenizer;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;

/** Deterministic synthetic text mixing English prose, Chinese, source code, numbers and emoji (tests and benchmarks). */
public final class MixedText {
    private MixedText() {}

    private static final String[] EN = ("the of and to in is that for it as was with be by on not he this are or his "
            + "from at which but have an they you were her she there been one all we their has would when if so no what "
            + "model token language inference server request response benchmark memory cache layer attention weight "
            + "matrix vector quantized throughput latency prompt generation streaming decoder encoder tokenizer "
            + "however because although between through during without within against among toward upon").split(" ");
    private static final String ZH = "的一是不了人我在有他这中大来上国个到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可"
            + "她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长"
            + "知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什"
            + "模型推理服务器请求响应基准测试内存缓存注意力权重矩阵向量量化吞吐延迟提示生成流式解码编码分词";
    private static final String[] CODE = {
            "public static int add(int a, int b) {\n    return a + b;\n}\n",
            "for (int i = 0; i < n; i++) {\n    sum += x[i] * y[i];\n}\n",
            "def tokenize(text: str) -> list[int]:\n    return [vocab[t] for t in text.split()]\n",
            "if (len > MAX_LEN && !cache.isEmpty()) { cache.clear(); }\n",
            "const url = `https://example.com/api/v1/items?id=${id}&limit=50`;\n",
            "    // TODO: handle the edge case where the buffer is empty\n",
            "SELECT name, COUNT(*) FROM users WHERE age >= 18 GROUP BY name;\n",
            "\tprintf(\"%d tokens/s\\n\", n_tokens / elapsed);\n",
    };
    private static final String[] EMOJI = {"🚀", "😁", "🦙", "✅", "👍🏽", "😶‍🌫️", "🇨🇭"};

    /** About {@code utf8Bytes} bytes of text (the last piece may overshoot a little). */
    public static String generate(int utf8Bytes, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        StringBuilder sb = new StringBuilder(utf8Bytes);
        int bytes = 0;
        while (bytes < utf8Bytes) {
            String piece = switch (r.nextInt(10)) {
                case 0, 1, 2, 3 -> english(r);
                case 4, 5, 6 -> chinese(r);
                case 7, 8 -> CODE[r.nextInt(CODE.length)];
                default -> numbers(r);
            };
            sb.append(piece);
            bytes += piece.getBytes(StandardCharsets.UTF_8).length;
        }
        return sb.toString();
    }

    private static String english(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 5 + r.nextInt(20);
        for (int i = 0; i < n; i++) {
            String w = EN[r.nextInt(EN.length)];
            if (i == 0) w = Character.toUpperCase(w.charAt(0)) + w.substring(1);
            sb.append(w);
            if (r.nextInt(12) == 0) sb.append(',');
            sb.append(i + 1 < n ? " " : "");
        }
        sb.append(r.nextInt(5) == 0 ? "? " : ". ");
        if (r.nextInt(8) == 0) sb.append(EMOJI[r.nextInt(EMOJI.length)]).append(' ');
        if (r.nextInt(4) == 0) sb.append('\n');
        return sb.toString();
    }

    private static String chinese(SplittableRandom r) {
        StringBuilder sb = new StringBuilder();
        int n = 8 + r.nextInt(30);
        for (int i = 0; i < n; i++) {
            sb.append(ZH.charAt(r.nextInt(ZH.length())));
            if (r.nextInt(10) == 0) sb.append('，');
        }
        sb.append(r.nextInt(3) == 0 ? "。\n" : "。");
        return sb.toString();
    }

    private static String numbers(SplittableRandom r) {
        return switch (r.nextInt(3)) {
            case 0 -> " " + r.nextInt(1_000_000) + " ";
            case 1 -> String.format(" %.3f%% ", r.nextDouble() * 100);
            default -> " 2025-" + (1 + r.nextInt(12)) + "-" + (1 + r.nextInt(28)) + " ";
        };
    }
}
