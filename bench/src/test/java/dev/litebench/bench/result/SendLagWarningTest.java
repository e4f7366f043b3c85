package dev.litebench.bench.result;

import dev.litebench.bench.measure.RequestRecord;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SendLagWarningTest {
    private static RequestRecord record(double sendLagMs, Double ttftMs) {
        return new RequestRecord("r", null, 0, 10, sendLagMs, 0, ttftMs, ttftMs, ttftMs, 10.0, 1.0, List.of(), new double[0],
                10, null, 5, 10, "usage", null, null, 11, 10, 1, true, 0, "length", null, null, null, null, null, "text", null);
    }

    private static List<String> warnings(RequestRecord... records) {
        return Audit.of(List.of(records), true, 0, null, List.of()).warnings();
    }

    @Test
    void aLagSmallNextToTheFastestTtftIsNoWarning() {
        assertThat(warnings(record(1.49, 581.0), record(0.2, 600.0))).isEmpty();
        assertThat(warnings(record(0.9, 20.0))).isEmpty(); // under 1 ms whatever the TTFT
    }

    @Test
    void aLagAboveOnePercentOfTheFastestTtftIsAWarning() {
        assertThat(warnings(record(1.49, 581.0), record(0.2, 100.0)))
                .containsExactly("client send lag reached 1.49 ms (1.5% of the fastest TTFT): requests left later than intended");
        assertThat(Audit.of(List.of(record(31.71, 900.0)), true, 0, null, List.of()).sendLagMaxMs()).isEqualTo(31.71);
    }

    @Test
    void withoutAnyTtftTheAbsoluteLimitDecides() {
        assertThat(warnings(record(1.2, null))).containsExactly("client send lag reached 1.20 ms: requests left later than intended");
    }
}
