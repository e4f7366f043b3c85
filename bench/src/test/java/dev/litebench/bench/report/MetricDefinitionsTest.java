package dev.litebench.bench.report;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MetricDefinitionsTest {

    @Test
    void namesComeFromTableRowsBulletsAndHeadings() {
        MetricDefinitions d = MetricDefinitions.parse("""
                ## Things (`audit`)

                Computed over requests;
                each problem adds a warning.

                | Field | Formula |
                |---|---|
                | `ttft_ms` | TTFT = `a_1 - t_send`: first chunk. |
                | `requests_ok`, `requests_failed` | Counts over `S`. |
                | `slo_attainment` | Requests meeting every SLO `/ |S|`. |
                | ITL (rebuilt from the gaps) | Each gap is spread. |

                - `gpu_util_pct`, `gpu_memory_mib`: from nvidia-smi,
                  mean over GPUs.
                - **capacity**: the largest concurrency
                  - that passes.
                """);
        assertThat(d.get("audit").markdown()).isEqualTo("Computed over requests; each problem adds a warning.");
        assertThat(d.get("ttft_ms").markdown()).isEqualTo("TTFT = `a_1 - t_send`: first chunk.");
        assertThat(d.get("ttft_ms").plain()).isEqualTo("TTFT = a_1 - t_send: first chunk.");
        assertThat(d.get("requests_failed").markdown()).isEqualTo("Counts over `S`.");
        assertThat(d.get("slo_attainment").markdown()).isEqualTo("Requests meeting every SLO `/ |S|`.");
        assertThat(d.get("ITL").markdown()).isEqualTo("Each gap is spread.");
        assertThat(d.get("gpu_memory_mib").markdown()).isEqualTo("from nvidia-smi, mean over GPUs.");
        assertThat(d.get("capacity").markdown()).isEqualTo("the largest concurrency - that passes.");
        assertThat(d.get("Field")).isNotNull();
        assertThat(d.get("tpot_ms")).isNull();
    }

    @Test
    void theBuildCarriesDocsMetricsMd() throws Exception {
        MetricDefinitions d = MetricDefinitions.load();
        assertThat(d.markdown()).isEqualTo(java.nio.file.Files.readString(java.nio.file.Path.of("..", "docs", "METRICS.md")));
        assertThat(d.get("tpot_ms").plain()).startsWith("TPOT = (E2E - TTFT) / (N - 1)");
    }
}
