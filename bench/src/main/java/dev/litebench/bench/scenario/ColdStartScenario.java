package dev.litebench.bench.scenario;

import dev.litebench.bench.BenchFailure;
import dev.litebench.bench.load.ClosedLoop;
import dev.litebench.bench.measure.RequestRecord;
import dev.litebench.bench.result.ColdStart;
import dev.litebench.bench.targets.LiveTarget;
import dev.litebench.bench.targets.ServerProcess;
import dev.litebench.bench.telemetry.Sample;

import java.util.List;
import java.util.Objects;

/**
 * Start-up of a launched server: process start to ready, ready to the first token of the first request (sent
 * the moment the server was ready, with nothing before it), then the first request's TTFT against the median of
 * the steady requests that follow; peak memory of the process tree and of the GPUs from spawn on.
 */
final class ColdStartScenario implements Scenario {

    @Override
    public void run(ScenarioContext ctx) throws InterruptedException {
        LiveTarget t = ctx.target();
        ServerProcess.Readiness ready = t.readiness();
        if (ready == null) throw new BenchFailure("cold-start needs a server LiteBench starts (--launch or --serve)");
        RequestRecord first = t.firstRequest();
        ctx.result().add(first);
        List<RequestRecord> steady = ctx.measurer().run("steady", new ClosedLoop(1, ctx.settings().coldStartRequests()),
                i -> t.uniquePrompt(ctx.settings().prompt()), null, null);
        double[] ttfts = steady.stream().filter(RequestRecord::ok).mapToDouble(RequestRecord::ttftMs).sorted().toArray();
        Double median = ttfts.length == 0 ? null : ttfts.length % 2 == 1 ? ttfts[ttfts.length / 2]
                : (ttfts[ttfts.length / 2 - 1] + ttfts[ttfts.length / 2]) / 2;
        double spawnMs = ctx.clock().ms(t.process().spawnNanos());
        List<Sample> samples = t.telemetry().between(spawnMs, ctx.nowMs());
        Long peakRss = samples.stream().map(Sample::serverRssBytes).filter(Objects::nonNull).max(Long::compare).orElse(null);
        Double peakGpu = samples.stream().map(Sample::gpuMemoryMib).filter(Objects::nonNull).max(Double::compare).orElse(null);
        Double readyToFirst = first.ttftMs() == null ? null : first.startMs() + first.ttftMs() - ctx.clock().ms(ready.readyNanos());
        ctx.result().coldStart(new ColdStart((ready.readyNanos() - t.process().spawnNanos()) / 1e6, ready.probeIntervalMs(),
                ready.path(), readyToFirst, first.ttftMs(), median,
                median == null || first.ttftMs() == null ? null : first.ttftMs() - median,
                peakRss, t.telemetry().serverPeakRssHwm(), peakGpu));
    }
}
