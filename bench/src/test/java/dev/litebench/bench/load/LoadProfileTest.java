package dev.litebench.bench.load;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LoadProfileTest {

    @Test
    void closedLoopKeepsExactlyItsConcurrencyAndSendsEveryRequestOnce() throws InterruptedException {
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        ConcurrentHashMap<Integer, Boolean> sent = new ConcurrentHashMap<>();
        new ClosedLoop(3, 12).run((i, intended) -> {
            peak.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            sent.put(i, true);
            sleep(20);
            inFlight.decrementAndGet();
        });
        assertThat(peak.get()).isEqualTo(3);
        assertThat(sent.keySet()).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void poissonGapsAreSeededWithTheRightMean() {
        PoissonArrivals p = new PoissonArrivals(50, 2001, 7);
        long[] a = p.offsets();
        assertThat(a).isEqualTo(new PoissonArrivals(50, 2001, 7).offsets());
        assertThat(a).isNotEqualTo(new PoissonArrivals(50, 2001, 8).offsets());
        assertThat(a[0]).isZero();
        assertThat(a[2000] / 1e9 / 2000).isCloseTo(1 / 50.0, within(0.002));
    }

    @Test
    void openLoopSendsOnScheduleEvenWhileEarlierRequestsAreStuck() {
        PoissonArrivals p = new PoissonArrivals(200, 20, 1);
        long[] offsets = p.offsets();
        long[] intended = new long[20];
        long[] actual = new long[20];
        p.run((i, at) -> {
            intended[i] = at;
            actual[i] = System.nanoTime();
            sleep(300);
        });
        for (int i = 1; i < 20; i++) assertThat(intended[i] - intended[0]).isEqualTo(offsets[i]);
        // every request started long before the first one (300 ms) ended: no coordinated omission
        assertThat(Arrays.stream(actual).max().orElseThrow() - actual[0]).isLessThan(250_000_000L);
        for (int i = 0; i < 20; i++) assertThat(actual[i] - intended[i]).isBetween(0L, 50_000_000L);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            throw new RuntimeException(e);
        }
    }
}
