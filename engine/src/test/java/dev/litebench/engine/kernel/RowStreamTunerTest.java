package dev.litebench.engine.kernel;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RowStreamTunerTest {
    private static final int TRIAL_STEPS = RowStreamTuner.CANDIDATES.length * RowStreamTuner.TRIALS_PER_CANDIDATE;

    /** Runs steps whose products take {@code nanosPerByte(streams)} per byte until the tuner has chosen. */
    private static int steps(RowStreamTuner tuner, java.util.function.IntToLongFunction nanosPerByte) {
        int steps = 0;
        while (!tuner.chosen() && steps < 1000) {
            tuner.record(nanosPerByte.applyAsLong(tuner.streams()) * 1000, 1000);
            tuner.nextStep();
            steps++;
        }
        return steps;
    }

    @Test
    void keepsTheDefaultThroughWarmUpThenTriesEachCandidateInTurn() {
        RowStreamTuner tuner = new RowStreamTuner(0);
        for (int i = 0; i < RowStreamTuner.WARMUP_STEPS - 1; i++) {
            assertThat(tuner.streams()).isEqualTo(RowStreamTuner.DEFAULT_STREAMS);
            tuner.record(100, 1);
            tuner.nextStep();
        }
        int[] seen = new int[TRIAL_STEPS];
        for (int i = 0; i < TRIAL_STEPS; i++) {
            tuner.record(100, 1);
            tuner.nextStep();
            seen[i] = tuner.streams();
        }
        assertThat(seen).startsWith(RowStreamTuner.CANDIDATES);
        assertThat(tuner.chosen()).isFalse();
        tuner.record(100, 1); // the last trial step
        tuner.nextStep();
        assertThat(tuner.chosen()).isTrue();
    }

    @Test
    void choosesTheCandidateWithTheLowestTimePerByte() {
        RowStreamTuner fourFastest = new RowStreamTuner(0);
        assertThat(steps(fourFastest, s -> s == 4 ? 3 : 5)).isEqualTo(RowStreamTuner.WARMUP_STEPS + TRIAL_STEPS);
        assertThat(fourFastest.streams()).isEqualTo(4);

        RowStreamTuner oneFastest = new RowStreamTuner(0);
        steps(oneFastest, s -> s == 1 ? 2 : 4 * s);
        assertThat(oneFastest.streams()).isEqualTo(1);
    }

    @Test
    void oneSlowStepDoesNotDecide() {
        RowStreamTuner tuner = new RowStreamTuner(0);
        int[] step = {0};
        steps(tuner, s -> {
            step[0]++;
            // 1 stream is faster, except for one step descheduled by the OS
            if (s == 1) return step[0] == RowStreamTuner.WARMUP_STEPS + 4 ? 100 : 3;
            return 5;
        });
        assertThat(tuner.streams()).isEqualTo(1);
    }

    @Test
    void stepsWithoutRowProductsDoNotCount() {
        RowStreamTuner tuner = new RowStreamTuner(0);
        for (int i = 0; i < 1000; i++) tuner.nextStep(); // prompt steps: panels only
        assertThat(tuner.chosen()).isFalse();
        assertThat(tuner.streams()).isEqualTo(RowStreamTuner.DEFAULT_STREAMS);
    }

    @Test
    void aFixedNumberSkipsTheTrials() {
        RowStreamTuner tuner = new RowStreamTuner(4);
        assertThat(tuner.chosen()).isTrue();
        assertThat(steps(tuner, s -> 1)).isZero();
        assertThat(tuner.streams()).isEqualTo(4);
        assertThatThrownBy(() -> new RowStreamTuner(-1)).hasMessageContaining("positive");
    }
}
