package dev.litebench.bench.calibrate;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CalibrationTest {

    @Test
    void measuresItsOwnErrorAtEachStreamCount() throws Exception {
        List<String> log = new ArrayList<>();
        Calibration.Result result = Calibration.run(new Calibration.Settings(List.of(1, 50), 6, 10, 10), log::add);
        List<Calibration.Point> points = result.points();
        assertThat(result.stamps().kernelStampedReads() + result.stamps().selfStampedReads()).isPositive();
        assertThat(points).extracting(Calibration.Point::streams).containsExactly(1, 50);
        assertThat(points.get(0).requests()).isEqualTo(20);
        assertThat(points.get(1).requests()).isEqualTo(50);
        for (Calibration.Point p : points) {
            assertThat(p.failed()).isZero();
            // the stamp cannot precede the server's write; on a quiet machine it trails it by well under a millisecond
            assertThat(p.ttftError().p50()).isBetween(0.0, 10.0);
            assertThat(p.itlError().p50()).isBetween(0.0, 10.0);
            assertThat(p.ttftError().max()).isGreaterThanOrEqualTo(p.ttftError().p99());
            if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/stat"))) assertThat(p.stealPct()).isBetween(0.0, 100.0);
        }
        assertThat(log).anyMatch(l -> l.contains("50 concurrent streams"));
    }
}
