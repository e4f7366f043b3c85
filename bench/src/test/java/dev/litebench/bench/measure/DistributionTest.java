package dev.litebench.bench.measure;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DistributionTest {

    @Test
    void percentilesAreNearestRankWithinHdrPrecisionAndMomentsAreExact() {
        double[] v = IntStream.rangeClosed(1, 1000).mapToDouble(i -> i / 10.0).toArray();
        Distribution d = Distribution.of(v);
        assertThat(d.count()).isEqualTo(1000);
        assertThat(d.mean()).isCloseTo(50.05, within(1e-9));
        assertThat(d.stddev()).isCloseTo(Math.sqrt((1000.0 * 1000 - 1) / 12) / 10, within(1e-9));
        assertThat(d.p50()).isCloseTo(50.0, within(0.05));
        assertThat(d.p90()).isCloseTo(90.0, within(0.09));
        assertThat(d.p99()).isCloseTo(99.0, within(0.1));
        assertThat(d.min()).isEqualTo(0.1);
        assertThat(d.max()).isEqualTo(100.0);
    }

    @Test
    void negativeValuesAndEmptySets() {
        Distribution d = Distribution.of(new double[] {-3, -1, 1, 3});
        assertThat(d.p50()).isCloseTo(-1, within(0.01));
        assertThat(d.max()).isEqualTo(3);
        assertThat(Distribution.of(new double[0])).isNull();
    }

    @Test
    void tokensAreSplitExactlyWhenTheServerCountsAndByCharactersOtherwise() {
        assertThat(TokenSplit.perChunk(List.of(3, 3, 3), List.of(2, 5, 6), 6)).containsExactly(2, 3, 1);
        assertThat(TokenSplit.perChunk(List.of(3, 3, 3), List.of(-1, -1, -1), 3)).containsExactly(1, 1, 1);
        // 10 tokens over chunks of 1, 3 and 6 characters: one each, then 7 more in proportion 0:2:5 (by extra chars)
        int[] k = TokenSplit.perChunk(List.of(1, 3, 6), List.of(-1, -1, -1), 10);
        assertThat(IntStream.of(k).sum()).isEqualTo(10);
        assertThat(k[2]).isGreaterThan(k[1]).isGreaterThan(k[0]);
        // more chunks than tokens: some chunks carry none
        assertThat(IntStream.of(TokenSplit.perChunk(List.of(1, 1, 1, 1), List.of(-1, -1, -1, -1), 2)).sum()).isEqualTo(2);
    }
}
