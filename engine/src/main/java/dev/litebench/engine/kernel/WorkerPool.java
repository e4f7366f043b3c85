package dev.litebench.engine.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed set of persistent threads that run one task at a time, each worker with its own index. The caller is
 * worker 0, so a pool of one thread runs everything inline. Dispatch allocates nothing: workers spin briefly for
 * the next task (the next matrix product usually follows within microseconds) and then park.
 */
public final class WorkerPool implements AutoCloseable {

    /** Work for one worker; {@code worker} is in [0, workers). */
    @FunctionalInterface
    public interface Task {
        void run(int worker, int workers);
    }

    /** About 50 microseconds of spinning before parking: long enough to catch the next product, short enough not to starve other processes. */
    private static final int SPIN_LIMIT = 1 << 11;

    private final int size;
    private final Thread[] threads;
    private final AtomicInteger pending = new AtomicInteger();
    private volatile Task task;
    private volatile long generation;
    private volatile boolean closed;
    private volatile Thread caller;
    private volatile Throwable failure;

    public WorkerPool(int size) {
        if (size < 1) throw new IllegalArgumentException("threads must be at least 1, got " + size);
        this.size = size;
        this.threads = new Thread[size - 1];
        for (int i = 1; i < size; i++) {
            int worker = i;
            threads[i - 1] = Thread.ofPlatform().daemon().name("litebench-worker-" + i).start(() -> loop(worker));
        }
    }

    /** The number of threads available to this process, the usual pool size. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    public int size() {
        return size;
    }

    /** Runs {@code t} on every worker and returns when all have finished. Not reentrant. */
    public synchronized void run(Task t) {
        if (size == 1) {
            t.run(0, 1);
            return;
        }
        caller = Thread.currentThread();
        failure = null;
        task = t;
        pending.set(size - 1);
        generation++;
        for (Thread th : threads) LockSupport.unpark(th);
        Throwable own = null;
        try {
            t.run(0, size);
        } catch (Throwable e) {
            own = e;
        }
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < SPIN_LIMIT) Thread.onSpinWait();
            else LockSupport.park(this);
        }
        task = null;
        Throwable f = own != null ? own : failure;
        if (f instanceof RuntimeException re) throw re;
        if (f instanceof Error err) throw err;
    }

    private void loop(int worker) {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen) {
                if (closed) return;
                if (++spins < SPIN_LIMIT) Thread.onSpinWait();
                else LockSupport.park(this);
            }
            seen = generation;
            try {
                task.run(worker, size);
            } catch (Throwable e) {
                failure = e;
            }
            if (pending.decrementAndGet() == 0) LockSupport.unpark(caller);
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread th : threads) LockSupport.unpark(th);
    }
}
