package dev.litebench.bench.telemetry;

import dev.litebench.bench.measure.RunClock;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * Samples the server process tree, this process (the client) and the GPUs every {@code intervalMs} on the run's
 * timeline, for as long as a target is measured.
 */
public final class TelemetryRecorder implements AutoCloseable {
    private final RunClock clock;
    private final Long serverPid;
    private final long intervalNanos;
    private final ProcessTreeSampler server;
    private final ProcessTreeSampler client;
    private final GpuMonitor gpu;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean serverGone;
    private long[] hostCpu = HostCpu.read();

    private TelemetryRecorder(RunClock clock, Long serverPid, long intervalMs) {
        this.clock = clock;
        this.serverPid = serverPid;
        this.intervalNanos = intervalMs * 1_000_000;
        this.server = serverPid != null && ProcFs.AVAILABLE ? new ProcessTreeSampler(serverPid, true) : null;
        this.client = ProcFs.AVAILABLE ? new ProcessTreeSampler(ProcessHandle.current().pid(), false) : null;
        this.gpu = GpuMonitor.start(intervalMs);
        this.thread = Thread.ofPlatform().daemon().name("telemetry").start(this::loop);
    }

    /** Starts sampling; {@code serverPid} may be null when the server's process is unknown. */
    public static TelemetryRecorder start(RunClock clock, Long serverPid, long intervalMs) {
        return new TelemetryRecorder(clock, serverPid, intervalMs);
    }

    private void loop() {
        long next = System.nanoTime();
        while (running) {
            next += intervalNanos;
            for (long left = next - System.nanoTime(); left > 0 && running; left = next - System.nanoTime()) LockSupport.parkNanos(left);
            record();
        }
    }

    private void record() {
        long now = System.nanoTime();
        ProcessTreeSampler.Reading s = server == null || serverGone ? null : server.sample();
        if (server != null && s == null) serverGone = true;
        ProcessTreeSampler.Reading c = client == null ? null : client.sample();
        double[] g = gpu.reading();
        long[] host = HostCpu.read();
        Double steal = HostCpu.stealPct(hostCpu, host);
        hostCpu = host;
        Sample sample = new Sample(clock.ms(now), s == null ? null : s.cpuPct(), s == null ? null : s.rssBytes(),
                s == null ? null : s.processes(), c == null ? 0 : c.cpuPct(), g == null ? null : g[0], g == null ? null : g[1], steal);
        synchronized (samples) {
            samples.add(sample);
        }
    }

    public Long serverPid() {
        return serverPid;
    }

    /** Samples taken between two times (ms since the origin). */
    public List<Sample> between(double fromMs, double toMs) {
        synchronized (samples) {
            return samples.stream().filter(s -> s.tMs() >= fromMs && s.tMs() <= toMs).toList();
        }
    }

    public ResourceUsage usage(double fromMs, double toMs) {
        return ResourceUsage.of(between(fromMs, toMs));
    }

    /** Sum of VmHWM over the server's process tree now, or null. */
    public Long serverPeakRssHwm() {
        return server == null || serverGone ? null : server.peakRssHwm();
    }

    /** What telemetry is being collected, in words. */
    public Status status() {
        String process = server != null ? "server pid " + serverPid + " (process tree, /proc)"
                : !ProcFs.AVAILABLE ? "no process telemetry: /proc not available"
                : "no server process telemetry: pid unknown (use --pid, --launch or --serve)";
        return new Status(process, gpu.available() ? "nvidia-smi" : gpu.status(), intervalNanos / 1e6);
    }

    public record Status(String process, String gpu, double intervalMs) {}

    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        gpu.close();
    }
}
