package dev.litebench.server;

import dev.litebench.engine.model.KVCache;
import dev.litebench.engine.runtime.GenerationResult;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The Prometheus metrics of {@code GET /metrics}: engine state read at scrape time, token counters, and latency
 * histograms observed as generations progress (times in seconds, as Prometheus names them).
 */
final class ServerMetrics {
    private static final double[] LATENCY_BOUNDS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2,
            0.3, 0.5, 0.75, 1, 2.5, 5, 7.5, 10, 20, 40, 80, 160, 320, 640};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final Counter promptTokens;
    private final Counter cachedPromptTokens;
    private final Counter generationTokens;
    private final Counter finished;
    private final Histogram timeToFirstToken;
    private final Histogram interTokenLatency;
    private final Histogram endToEndLatency;
    private final Histogram queueTime;

    ServerMetrics(ModelSlot model) {
        GaugeWithCallback.builder().name("litebench_requests_running").help("Requests being decoded now")
                .callback(cb -> model.ifLoaded(m -> cb.call(m.engine().running()))).register(registry);
        GaugeWithCallback.builder().name("litebench_requests_waiting").help("Requests waiting for a slot or KV-cache space")
                .callback(cb -> model.ifLoaded(m -> cb.call(m.engine().waiting()))).register(registry);
        GaugeWithCallback.builder().name("litebench_kv_cache_usage_ratio")
                .help("Fraction of KV-cache blocks held by running requests (0 to 1)")
                .callback(cb -> model.ifLoaded(m -> {
                    KVCache c = m.engine().cache();
                    cb.call((double) (c.blocks() - c.freeBlocks()) / c.blocks());
                })).register(registry);
        GaugeWithCallback.builder().name("litebench_kv_cache_blocks").help("KV-cache blocks in the pool")
                .callback(cb -> model.ifLoaded(m -> cb.call(m.engine().cache().blocks()))).register(registry);
        GaugeWithCallback.builder().name("litebench_kv_cache_prefix_blocks")
                .help("Free KV-cache blocks still holding a prompt prefix that new requests can reuse")
                .callback(cb -> model.ifLoaded(m -> cb.call(m.engine().cache().reusableFreeBlocks()))).register(registry);
        GaugeWithCallback.builder().name("litebench_decode_row_streams")
                .help("Interleaved weight-row streams each compute thread reads in decode steps, the fastest of 1, 2 and 4 "
                        + "as measured on the first decode steps (0 while measuring)")
                .callback(cb -> model.ifLoaded(m -> cb.call(m.engine().rowStreams()))).register(registry);
        GaugeWithCallback.builder().name("litebench_weights_copied")
                .help("1 where the weights were copied into anonymous memory at load, 0 where they are mapped from the file")
                .callback(cb -> model.ifLoaded(m -> cb.call(m.engine().weightPlacement().copied() ? 1 : 0))).register(registry);
        GaugeWithCallback.builder().name("litebench_weights_huge_page_ratio")
                .help("Share of the weights the kernel maps with 2 MiB pages (0 to 1, from the pages probed at load; -1 where that "
                        + "could not be learned): decode streams every weight, and reads them 5-20% faster on 2 MiB pages")
                .callback(cb -> model.ifLoaded(m -> {
                    Double share = m.engine().weightPlacement().hugeShare();
                    cb.call(share == null ? -1 : share);
                })).register(registry);
        promptTokens = Counter.builder().name("litebench_prompt_tokens_total")
                .help("Prompt tokens of finished requests, cached ones included").register(registry);
        cachedPromptTokens = Counter.builder().name("litebench_prompt_tokens_cached_total")
                .help("Prompt tokens taken from the prefix cache instead of computed").register(registry);
        generationTokens = Counter.builder().name("litebench_generation_tokens_total")
                .help("Generated tokens").register(registry);
        finished = Counter.builder().name("litebench_requests_finished_total")
                .help("Finished generations by finish reason").labelNames("finish_reason").register(registry);
        timeToFirstToken = histogram("litebench_time_to_first_token_seconds", "From arrival to the first generated token");
        interTokenLatency = histogram("litebench_inter_token_latency_seconds", "Between consecutive generated tokens of a request");
        endToEndLatency = histogram("litebench_e2e_request_latency_seconds", "From arrival to the end of generation");
        queueTime = histogram("litebench_request_queue_time_seconds", "From submission to the request's first forward step");
    }

    private Histogram histogram(String name, String help) {
        return Histogram.builder().name(name).help(help).classicOnly().classicUpperBounds(LATENCY_BOUNDS).register(registry);
    }

    void firstToken(long arrivalNanos, long tokenNanos) {
        timeToFirstToken.observe(seconds(tokenNanos - arrivalNanos));
    }

    void nextToken(long previousNanos, long tokenNanos) {
        interTokenLatency.observe(seconds(tokenNanos - previousNanos));
    }

    void finished(long arrivalNanos, long endNanos, GenerationResult result) {
        endToEndLatency.observe(seconds(endNanos - arrivalNanos));
        queueTime.observe(result.timings().queueMs() / 1000.0);
        promptTokens.inc(result.promptTokens());
        cachedPromptTokens.inc(result.cachedTokens());
        generationTokens.inc(result.completionTokens());
        finished.labelValues(result.finishReason().apiName()).inc();
    }

    String contentType() {
        return writer.getContentType();
    }

    byte[] scrape() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            writer.write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
