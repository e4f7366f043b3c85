package dev.litebench.engine.kernel;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Once the JIT has compiled them, the matrix products of decode steps allocate nothing per weight row. Garbage
 * there is easy to create by accident and invisible in results: a vector the JIT has to box (passed to a call it
 * stopped inlining, or left unintrinsified once a compilation passed its inlining node budget), a slice of the mapping
 * per row. Each one cost decode speed (Q6_K: ~450 MB/s of garbage, young collections every few hundred milliseconds).
 * <p>
 * Each case is the set of weight types one kind of model file holds, run in a JVM of its own as the engine runs one
 * model per process ({@link AllocationProbe}): the JIT's inlining decisions depend on which kernels a shared caller
 * has seen, so kernels of types that never meet in one file could box each other in a shared JVM and not in use.
 * Every case runs at batch sizes 1, 4 and 8 (one row product per sequence, several rows fused, decoded tiles). At 8 a
 * Q4_0 + Q6_K process once boxed Q4_0's tile decoding in about one run out of three (the tile loop, inlining both
 * types' row decoders, passed C2's node budget); each type alone runs too, so that a failure names its kernel.
 * <p>
 * A case passes when one of {@link #ATTEMPTS} processes allocates nothing. What C2 compiles depends on the order in
 * which methods get hot, and now and then a process keeps a boxed compilation of a kernel that the next process
 * compiles unboxed (docs/PERFORMANCE.md, session 29: about one process in ten for some mixes on this 2-core VM). A kernel
 * that boxes in every process, which is what a code change brings, still fails; an attempt that allocated is printed
 * even when a later one passes.
 */
class KernelAllocationTest {
    private static final int ATTEMPTS = 3;

    @ParameterizedTest
    @ValueSource(strings = {"F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q5_0", "Q5_1", "IQ4_NL", "IQ4_XS", "Q2_K", "Q3_K", "Q4_K", "Q5_K", "Q6_K", "Q4_0 Q6_K",
            "Q4_0 Q8_0", "Q4_K Q6_K", "Q5_K Q6_K", "Q4_K Q5_K Q6_K", "Q5_0 Q8_0 Q4_K Q6_K", "Q5_1 Q8_0 Q5_K Q6_K", "Q3_K Q4_K Q5_K Q6_K", "Q2_K Q3_K Q4_K Q6_K", "IQ4_XS IQ4_NL Q5_K Q6_K"})
    void decodeProductsAllocateNothingPerRowOnceCompiled(String types) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + "/bin/java"));
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!arg.startsWith("-javaagent") && !arg.startsWith("-agentlib")) command.add(arg);
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), AllocationProbe.class.getName()));
        command.add("1,4,8");
        command.addAll(List.of(types.split(" ")));
        StringBuilder attempts = new StringBuilder();
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            boolean ended = p.waitFor(5, TimeUnit.MINUTES);
            if (!ended) p.destroyForcibly();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            attempts.append("attempt ").append(attempt).append(":\n").append(output);
            assertThat(ended).as("the probe for " + types + " ended within 5 minutes:\n" + attempts).isTrue();
            if (p.exitValue() == 0) {
                if (attempt > 1) System.out.println("KernelAllocationTest: " + types + " allocated in a process before one that did not:\n" + attempts);
                return;
            }
        }
        fail("each product of " + types + " allocated more than " + AllocationProbe.MAX_BYTES_PER_PRODUCT
                + " bytes once compiled in each of " + ATTEMPTS + " processes:\n" + attempts);
    }
}
