package dev.litebench.bench.report;

import dev.litebench.bench.calibrate.Calibration;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the calibration table: LiteBench's own TTFT and ITL measurement error at each stream count. */
public final class CalibrationReport {
    private CalibrationReport() {}

    public static void print(Calibration.Result result, PrintStream out) {
        List<Calibration.Point> points = result.points();
        out.println();
        out.println("LiteBench measurement error against its loopback server (same clock on both sides)");
        out.println("client stamps: " + result.stamps().describe());
        out.printf(Locale.ROOT, "%8s %9s %7s  %12s %12s %12s  %12s %12s %12s  %15s %5s %6s%n", "streams", "requests", "failed",
                "TTFT err p50", "TTFT err p99", "TTFT err max", "ITL err p50", "ITL err p99", "ITL err max", "server late p99", "load", "steal");
        for (Calibration.Point p : points) {
            out.printf(Locale.ROOT, "%8d %9d %7d  %12s %12s %12s  %12s %12s %12s  %15s %5s %6s%n", p.streams(), p.requests(), p.failed(),
                    Format.ms(p.ttftError().p50()), Format.ms(p.ttftError().p99()), Format.ms(p.ttftError().max()),
                    Format.ms(p.itlError().p50()), Format.ms(p.itlError().p99()), Format.ms(p.itlError().max()),
                    Format.ms(p.serverLateP99Ms()), p.loadAverage() == null ? "-" : p.loadAverage(),
                    p.stealPct() == null ? "-" : String.format(Locale.ROOT, "%.1f%%", p.stealPct()));
        }
        out.println("  TTFT err: client stamp of the first token - the server's start of writing it (an upper bound)");
        out.println("  ITL err: |client gap between token chunks - gap between the server's writes of them|");
        out.println("  server late: server write - its schedule (not a measurement error; a sign of a saturated machine)");
        out.println("  load: 1-minute load average after the point (with " + Runtime.getRuntime().availableProcessors()
                + " cores; above that, other processes competed for the CPU)");
        out.println("  steal: CPU time the hypervisor gave to other guests during the point (/proc/stat); a stolen vCPU"
                + " stalls client and server for milliseconds at a time");
    }
}
