package dev.litebench.bench.report;

import dev.litebench.bench.report.Verdict.Difference;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class VerdictTest {

    @Test
    void aClearlyLowerLatencyWinsWithItsDifferenceInPercentOfTheRunnerUp() {
        Verdict v = Verdict.of(points(128, 163), Better.LOWER, Difference.RELATIVE);
        assertThat(v.winner()).isEqualTo(0);
        assertThat(v.runnerUp()).isEqualTo(1);
        assertThat(v.difference()).isCloseTo(21.47, within(0.01));
        assertThat(v.differenceText()).isEqualTo("21% lower");
        assertThat(v.reason()).isNull();
    }

    @Test
    void higherIsBetterForThroughputAndTheRunnerUpIsTheNextBest() {
        Verdict v = Verdict.of(points(100, 300, 250), Better.HIGHER, Difference.RELATIVE);
        assertThat(v.winner()).isEqualTo(1);
        assertThat(v.runnerUp()).isEqualTo(2);
        assertThat(v.differenceText()).isEqualTo("20% higher");
    }

    @Test
    void aDifferenceBelowTheThresholdNamesNoWinner() {
        Verdict v = Verdict.of(points(100, 103), Better.LOWER, Difference.RELATIVE);
        assertThat(v.best()).isEqualTo(0);
        assertThat(v.winner()).isNull();
        assertThat(v.reason()).isEqualTo("difference 2.9% below the 5.0% threshold");
    }

    @Test
    void overlappingIntervalsNameNoWinnerHoweverLargeTheDifference() {
        List<Estimate> values = List.of(new Estimate(66, new Estimate.Interval(63, 135)), new Estimate(85, new Estimate.Interval(83, 107)));
        Verdict v = Verdict.of(values, Better.LOWER, Difference.RELATIVE);
        assertThat(v.winner()).isNull();
        assertThat(v.reason()).isEqualTo("intervals overlap");
        List<Estimate> apart = List.of(new Estimate(66, new Estimate.Interval(63, 70)), new Estimate(85, new Estimate.Interval(83, 107)));
        assertThat(Verdict.of(apart, Better.LOWER, Difference.RELATIVE).winner()).isEqualTo(0);
        // an interval against a single value: only the threshold decides
        assertThat(Verdict.of(List.of(values.get(0), Estimate.point(85)), Better.LOWER, Difference.RELATIVE).winner()).isEqualTo(0);
    }

    @Test
    void capacityWithoutUpperBoundStillWinsWhenTheBracketsAreApart() {
        List<Estimate> values = List.of(new Estimate(16, new Estimate.Interval(16, Double.POSITIVE_INFINITY)),
                new Estimate(13, new Estimate.Interval(13, 13)));
        assertThat(Verdict.of(values, Better.HIGHER, Difference.RELATIVE).winner()).isEqualTo(0);
    }

    @Test
    void percentagesCompareInPointsAndCountsByAnyDifference() {
        Verdict growth = Verdict.of(points(137.9, 158.5), Better.LOWER, Difference.POINTS);
        assertThat(growth.winner()).isEqualTo(0);
        assertThat(growth.differenceText()).isEqualTo("20.6 pp lower");
        assertThat(Verdict.of(points(40, 43), Better.LOWER, Difference.POINTS).winner()).isNull();
        Verdict warnings = Verdict.of(points(8, 5), Better.LOWER, Difference.ABSOLUTE);
        assertThat(warnings.winner()).isEqualTo(1);
        assertThat(warnings.differenceText()).isEqualTo("3 fewer");
    }

    @Test
    void tiesMissingValuesAndNoRuleNameNoBest() {
        assertThat(Verdict.of(points(5, 5), Better.LOWER, Difference.RELATIVE).best()).isNull();
        assertThat(Verdict.of(Arrays.asList(Estimate.point(5), null), Better.LOWER, Difference.RELATIVE).best()).isNull();
        assertThat(Verdict.of(points(10, 50), Better.NONE, Difference.RELATIVE).best()).isNull();
        assertThat(Verdict.of(points(0, 2), Better.HIGHER, Difference.RELATIVE).differenceText()).isEqualTo("∞% higher");
    }

    private static List<Estimate> points(double... v) {
        return Arrays.stream(v).mapToObj(Estimate::point).toList();
    }
}
