package dev.litebench.bench.result;

import dev.litebench.bench.telemetry.ResourceUsage;
import dev.litebench.bench.telemetry.Sample;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class StealWarningTest {
    private static Sample sample(double t, Double steal) {
        return new Sample(t, 100.0, 1L << 30, 1, 10.0, null, null, steal);
    }

    @Test
    void aWindowWithMoreThanOnePercentStealIsAWarning() {
        ResourceUsage u = ResourceUsage.of(List.of(sample(0, 0.5), sample(100, 4.5), sample(200, null)));
        assertThat(u.hostStealPctMean()).isEqualTo(2.5);
        assertThat(u.hostStealPctMax()).isEqualTo(4.5);
        assertThat(ScenarioResult.stealWarning(u)).isEqualTo("the hypervisor took 2.5% of the machine's CPU time (steal, max 4.5% in"
                + " one sample): latency outliers may be the host's, not the server's");
    }

    @Test
    void littleOrUnknownStealIsNot() {
        assertThat(ScenarioResult.stealWarning(ResourceUsage.of(List.of(sample(0, 0.2), sample(100, 1.0))))).isNull();
        assertThat(ScenarioResult.stealWarning(ResourceUsage.of(List.of(sample(0, null))))).isNull();
        assertThat(ScenarioResult.stealWarning(null)).isNull();
    }
}
