package dev.litebench.bench.report;

import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.scenario.Progress;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Progress on the terminal: on a TTY one line redrawn in place (bar, counts, live TTFT/E2E medians, tokens/s);
 * otherwise plain lines, at each phase's start and end and every few seconds in between.
 */
public final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 100_000_000L;
    private static final long PLAIN_LINE_NANOS = 5_000_000_000L;
    private static final int BAR = 24;

    private final PrintStream out;
    private final boolean tty;
    private String title = "";
    private int total;
    private int ok;
    private int failed;
    private long outputTokens;
    private final List<Double> ttft = new ArrayList<>();
    private final List<Double> e2e = new ArrayList<>();
    private long started;
    private long lastDraw;
    private int printedAt = -1;
    private boolean lineOpen;

    public TerminalProgress(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    @Override
    public synchronized void begin(String target, String scenario, String phase, int requests) {
        title = target + " " + scenario + " " + phase;
        total = requests;
        ok = failed = 0;
        printedAt = -1;
        outputTokens = 0;
        ttft.clear();
        e2e.clear();
        started = lastDraw = System.nanoTime();
        if (tty) draw();
        else out.println(title + ": " + requests + " requests");
    }

    @Override
    public synchronized void request(RequestRecord r) {
        if (r.ok()) {
            ok++;
            outputTokens += r.outputTokens();
            ttft.add(r.ttftMs());
            e2e.add(r.e2eMs());
        } else {
            failed++;
        }
        long now = System.nanoTime();
        if (tty && now - lastDraw >= REDRAW_NANOS) draw();
        if (!tty && now - lastDraw >= PLAIN_LINE_NANOS) {
            printPlain();
            lastDraw = now;
        }
    }

    /** A plain status line, unless the last one already showed every request so far. */
    private void printPlain() {
        if (printedAt == ok + failed) return;
        out.println(status());
        printedAt = ok + failed;
    }

    @Override
    public synchronized void end() {
        if (tty) {
            draw();
            out.println();
            lineOpen = false;
        } else {
            printPlain();
        }
    }

    @Override
    public synchronized void note(String line) {
        if (tty && lineOpen) {
            out.print("\r\033[K");
            lineOpen = false;
        }
        out.println(line);
    }

    private void draw() {
        out.print("\r\033[K" + status());
        out.flush();
        lineOpen = true;
        lastDraw = System.nanoTime();
    }

    private String status() {
        int done = ok + failed;
        int filled = total == 0 ? 0 : BAR * done / total;
        double seconds = Math.max(1e-9, (System.nanoTime() - started) / 1e9);
        return String.format(Locale.ROOT, "%s [%s%s] %d/%d ok %d fail %d | TTFT p50 %s | E2E p50 %s | %.1f tok/s",
                title, "#".repeat(filled), ".".repeat(BAR - filled), done, total, ok, failed, median(ttft), median(e2e),
                outputTokens / seconds);
    }

    private static String median(List<Double> values) {
        if (values.isEmpty()) return "-";
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(Double::compare);
        return Format.ms(sorted.get(sorted.size() / 2));
    }
}
