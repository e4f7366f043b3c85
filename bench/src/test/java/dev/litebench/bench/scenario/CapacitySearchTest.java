package dev.litebench.bench.scenario;

import dev.litebench.bench.result.Capacity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import static org.assertj.core.api.Assertions.assertThat;

/** The doubling-then-bisection search over a made-up server whose p90 E2E is a known function of concurrency. */
class CapacitySearchTest {
    private final List<Integer> tested = new ArrayList<>();

    private Capacity search(int maxConcurrency, int steps, int trials, IntFunction<double[]> percentiles) {
        BenchSettings s = BenchSettings.builder(Profile.QUICK).sloE2eMs(1000.0).capacityMaxConcurrency(maxConcurrency)
                .capacityMaxSteps(steps).capacityTrials(trials).build();
        return new CapacityScenario.Search(s, c -> {
            tested.add(c);
            return new CapacityScenario.Tested(c, percentiles.apply(c), 1.0 * c);
        }).find();
    }

    @Test
    void doublesThenBisectsToTheExactLimit() {
        // p90 = 100 ms per concurrent request: 10 passes (1000 ms), 11 fails
        Capacity c = search(64, 10, 1, n -> new double[] {100.0 * n});
        assertThat(tested).containsExactly(1, 2, 4, 8, 16, 12, 10, 11);
        assertThat(c.value()).isEqualTo(10);
        assertThat(c.low()).isEqualTo(10);
        assertThat(c.high()).isEqualTo(10);
        assertThat(c.text()).isEqualTo("10 (exact: 10 passes, 11 fails)");
        assertThat(c.goodput()).isEqualTo(10.0);
    }

    @Test
    void fewBisectionStepsLeaveAnInterval() {
        Capacity c = search(64, 1, 1, n -> new double[] {100.0 * n});
        assertThat(tested).containsExactly(1, 2, 4, 8, 16, 12);
        assertThat(c.value()).isEqualTo(8);
        assertThat(c.high()).isEqualTo(11);
        assertThat(c.text()).isEqualTo("8, between 8 and 11");
    }

    @Test
    void trialsThatDisagreeWidenTheIntervalDownwards() {
        // at 4 and 8 the mean passes but one trial fails: only 2 passed every trial
        Capacity c = search(64, 0, 2, n -> n <= 2 ? new double[] {500, 600} : n <= 8 ? new double[] {700, 1100} : new double[] {2000, 2000});
        assertThat(c.value()).isEqualTo(8);
        assertThat(c.low()).isEqualTo(2);
        assertThat(c.high()).isEqualTo(15);
        assertThat(c.text()).isEqualTo("8, between 2 and 15");
    }

    @Test
    void edgeCases() {
        assertThat(search(64, 5, 1, n -> new double[] {5000}).value()).isNull();
        assertThat(search(64, 5, 1, n -> new double[] {5000}).text()).startsWith("below 1");
        tested.clear();
        Capacity open = search(6, 5, 1, n -> new double[] {1});
        assertThat(tested).containsExactly(1, 2, 4, 6);
        assertThat(open.value()).isEqualTo(6);
        assertThat(open.high()).isNull();
        assertThat(open.text()).startsWith("6 or more");
        // a failed request counts as infinitely slow
        assertThat(search(64, 5, 1, n -> new double[] {Double.POSITIVE_INFINITY}).value()).isNull();
    }
}
