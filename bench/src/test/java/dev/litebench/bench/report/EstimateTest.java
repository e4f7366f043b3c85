package dev.litebench.bench.report;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EstimateTest {

    @Test
    void binomialProbabilitiesMatchTheirExactValues() {
        assertThat(Estimate.binomialCdfHalf(10, 1)).isCloseTo(11 / 1024.0, within(1e-12));
        assertThat(Estimate.binomialCdfHalf(10, 2)).isCloseTo(56 / 1024.0, within(1e-12));
        assertThat(Estimate.binomialCdfHalf(1000, 1000)).isCloseTo(1, within(1e-9));
    }

    @Test
    void theMedianIntervalIsTheOrderStatisticsWithAtLeast95PercentCoverage() {
        // values 1..n shuffled: x(k) = k
        List<Double> ten = shuffled(10);
        Estimate e = Estimate.median(5.5, ten);
        assertThat(e.value()).isEqualTo(5.5);
        // n = 10: P(X <= 1) = 1.1% per side -> x(2)..x(9), coverage 97.9%; x(3) would cover only 89%
        assertThat(e.interval()).isEqualTo(new Estimate.Interval(2, 9));
        // n = 100: the textbook interval x(40)..x(61)
        assertThat(Estimate.median(50, shuffled(100)).interval()).isEqualTo(new Estimate.Interval(40, 61));
        // n = 6 is the smallest n with an interval inside the range: x(1)..x(6) covers 96.9%
        assertThat(Estimate.median(3, shuffled(6)).interval()).isEqualTo(new Estimate.Interval(1, 6));
        assertThat(Estimate.median(9, shuffled(17)).interval()).isEqualTo(new Estimate.Interval(5, 13));
    }

    @Test
    void fewValuesGiveTheirRangeAndNoneGiveNoInterval() {
        assertThat(Estimate.median(2, List.of(3.0, 1.0, 2.0)).interval()).isEqualTo(new Estimate.Interval(1, 3));
        assertThat(Estimate.median(7, List.of(7.0)).interval()).isEqualTo(new Estimate.Interval(7, 7));
        assertThat(Estimate.median(4, List.of()).interval()).isNull();
    }

    @Test
    void formatShowsTheIntervalAndAnOpenUpperBound() {
        assertThat(new Estimate(128, new Estimate.Interval(120, 135.4)).format(Unit.MS)).isEqualTo("128 ms [120 ms – 135 ms]");
        assertThat(new Estimate(16, new Estimate.Interval(16, Double.POSITIVE_INFINITY)).format(Unit.NUMBER)).isEqualTo("16 [16 – ∞]");
        assertThat(Estimate.point(2.5).format(Unit.REQ_PER_S)).isEqualTo("2.50 req/s");
    }

    private static List<Double> shuffled(int n) {
        List<Double> v = new java.util.ArrayList<>(IntStream.rangeClosed(1, n).mapToObj(i -> (double) i).toList());
        java.util.Collections.shuffle(v, new java.util.Random(n));
        return v;
    }
}
