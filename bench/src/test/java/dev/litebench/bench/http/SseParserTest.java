package dev.litebench.bench.http;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SseParserTest {

    private static void feed(SseParser p, String s, long stamp) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.accept(b, 0, b.length, stamp);
    }

    @Test
    void eventsSplitAcrossReadsTakeTheStampOfTheReadThatCompletedThem() {
        SseParser p = new SseParser();
        feed(p, "data: {\"a\":1}\n", 10);
        feed(p, "\ndata: {\"b\"", 20);
        feed(p, ":2}\n\n", 30);
        assertThat(p.events()).extracting(SseParser.SseEvent::data).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(p.events()).extracting(SseParser.SseEvent::arrivalNanos).containsExactly(20L, 30L);
        assertThat(p.done()).isFalse();
    }

    @Test
    void commentsOtherFieldsCrlfMultiLineDataAndDone() {
        SseParser p = new SseParser();
        feed(p, ": keep-alive\r\n\r\nevent: message\r\nid: 7\r\ndata: line1\r\ndata:line2\r\n\r\ndata: [DONE]\n\n", 5);
        assertThat(p.events()).extracting(SseParser.SseEvent::data).containsExactly("line1\nline2", "[DONE]");
        assertThat(p.done()).isTrue();
    }

    @Test
    void multiByteCharactersSplitBetweenReadsSurvive() {
        SseParser p = new SseParser();
        byte[] b = "data: 人工智能\n\n".getBytes(StandardCharsets.UTF_8);
        p.accept(b, 0, 8, 1);
        p.accept(b, 8, b.length - 8, 2);
        assertThat(p.events().getFirst().data()).isEqualTo("人工智能");
    }
}
