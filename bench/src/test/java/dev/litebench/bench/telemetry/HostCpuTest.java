package dev.litebench.bench.telemetry;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HostCpuTest {
    @Test
    void stealIsTheShareOfAllTicksBetweenTwoReadings() {
        long[] before = HostCpu.parse("cpu  100 0 50 800 10 0 5 20 0 0");
        long[] after = HostCpu.parse("cpu  160 0 70 900 10 0 5 30 0 0");
        // 60 + 20 + 100 + 10 steal = 190 ticks, 10 of them stolen
        assertThat(HostCpu.stealPct(before, after)).isCloseTo(100.0 * 10 / 190, within(1e-9));
    }

    @Test
    void missingOrMalformedReadingsGiveNoValue() {
        assertThat(HostCpu.parse("cpu0 1 2 3")).isNull();
        assertThat(HostCpu.parse("intr 1 2 3 4 5 6 7 8 9")).isNull();
        long[] r = HostCpu.parse("cpu  1 2 3 4 5 6 7 8");
        assertThat(HostCpu.stealPct(null, r)).isNull();
        assertThat(HostCpu.stealPct(r, r)).isNull();
    }
}
