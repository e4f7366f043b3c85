package dev.litebench.bench.http;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Method;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.util.Locale;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

/**
 * Reads plain TCP connections with {@code recvmsg(2)} and the kernel's software receive timestamp
 * ({@code SO_TIMESTAMPNS}): the time the bytes reached the socket, taken by the kernel whether or not the reading
 * thread was on a core. On a loaded 2-core machine a reading thread is sometimes kept off a core for
 * milliseconds; the kernel's stamp is not. Linux on 64-bit x86 and ARM only (the {@code msghdr} layout and the
 * option numbers below are theirs), and only where {@code sun.nio.ch} is exported to LiteBench, which owns the
 * file descriptor of a {@link SocketChannel} (the launcher exports it). Elsewhere {@link #open()} says why not,
 * and the read loop stamps reads itself.
 * <p>
 * One instance belongs to one reading thread: the buffers are reused by every call.
 */
final class KernelReceive implements AutoCloseable {
    private static final int SOL_SOCKET = 1;
    private static final int SO_TIMESTAMPNS = 35;
    private static final int SCM_TIMESTAMPNS = SO_TIMESTAMPNS;
    private static final int CLOCK_REALTIME = 0;
    private static final int EAGAIN = 11;
    private static final int EINTR = 4;
    private static final int ECONNRESET = 104;
    private static final int BUFFER_BYTES = 256 * 1024;
    private static final int CONTROL_BYTES = 64;
    // struct msghdr on LP64 Linux: name, namelen (+pad), iov, iovlen, control, controllen, flags (+pad)
    private static final long MSG_IOV = 16, MSG_IOVLEN = 24, MSG_CONTROL = 32, MSG_CONTROLLEN = 40, MSGHDR_BYTES = 56;
    // struct cmsghdr: len (size_t), level, type, then the data (here a struct timespec)
    private static final long CMSG_LEVEL = 8, CMSG_TYPE = 12, CMSG_DATA = 16, CMSG_WITH_TIMESPEC = 32;

    /** Why kernel stamps cannot be used in this process, or null when they can. */
    private static final String UNAVAILABLE;
    private static final MethodHandle SETSOCKOPT;
    private static final MethodHandle RECVMSG;
    private static final MethodHandle CLOCK_GETTIME;
    private static final MemoryLayout CALL_STATE;
    private static final VarHandle ERRNO;
    private static final Method FD_OF_CHANNEL;
    /** Held so that it is never collected (and closed): see {@link #keepStampingOn}. */
    private static final DatagramChannel STAMPING_KEEPER;

    static {
        String unavailable = null;
        MethodHandle setsockopt = null, recvmsg = null, clock = null;
        MemoryLayout callState = null;
        VarHandle errno = null;
        Method fd = null;
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "");
        if (Boolean.getBoolean("litebench.noKernelStamps")) {
            unavailable = "turned off with -Dlitebench.noKernelStamps=true";
        } else if (!os.contains("linux") || !(arch.equals("amd64") || arch.equals("x86_64") || arch.equals("aarch64"))) {
            unavailable = "kernel receive stamps need Linux on x86-64 or aarch64 (this is " + os + " " + arch + ")";
        } else {
            try {
                fd = Class.forName("sun.nio.ch.SelChImpl").getMethod("getFDVal");
                Linker linker = Linker.nativeLinker();
                SymbolLookup libc = linker.defaultLookup();
                Linker.Option errnoOption = Linker.Option.captureCallState("errno");
                callState = Linker.Option.captureStateLayout();
                errno = callState.varHandle(MemoryLayout.PathElement.groupElement("errno"));
                setsockopt = linker.downcallHandle(libc.find("setsockopt").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
                recvmsg = linker.downcallHandle(libc.find("recvmsg").orElseThrow(),
                        FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_INT), errnoOption);
                clock = linker.downcallHandle(libc.find("clock_gettime").orElseThrow(),
                        FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                unavailable = "kernel receive stamps are unavailable (" + e + "); run through ./litebench, which passes "
                        + "--add-exports java.base/sun.nio.ch=ALL-UNNAMED --enable-native-access=ALL-UNNAMED";
            }
        }
        UNAVAILABLE = unavailable;
        SETSOCKOPT = setsockopt;
        RECVMSG = recvmsg;
        CLOCK_GETTIME = clock;
        CALL_STATE = callState;
        ERRNO = errno;
        FD_OF_CHANNEL = fd;
        STAMPING_KEEPER = unavailable == null ? keepStampingOn() : null;
    }

    /**
     * The kernel stamps received segments only while some socket asks for it, and it switches that on and off
     * through deferred work whenever the count of such sockets leaves or reaches zero, so segments that arrive in
     * between come unstamped. One socket that asks for the life of the process keeps it on from the first use.
     */
    private static DatagramChannel keepStampingOn() {
        try {
            DatagramChannel keeper = DatagramChannel.open();
            if (askForStamps(keeper) >= 0) return keeper;
            keeper.close();
        } catch (IOException e) {
            // each connection still asks for itself; only its first segments may come unstamped
        }
        return null;
    }

    /** Sets SO_TIMESTAMPNS on a channel's socket; returns its file descriptor, or -1 when that failed. */
    private static int askForStamps(java.nio.channels.Channel channel) {
        try (Arena a = Arena.ofConfined()) {
            int fd = (int) FD_OF_CHANNEL.invoke(channel);
            MemorySegment on = a.allocate(JAVA_INT);
            on.set(JAVA_INT, 0, 1);
            return (int) SETSOCKOPT.invokeExact(fd, SOL_SOCKET, SO_TIMESTAMPNS, on, (int) JAVA_INT.byteSize()) == 0 ? fd : -1;
        } catch (Throwable e) {
            return -1;
        }
    }

    private final Arena arena = Arena.ofShared();
    private final MemorySegment data = arena.allocate(BUFFER_BYTES, 8);
    private final MemorySegment control = arena.allocate(CONTROL_BYTES, 8);
    private final MemorySegment message = arena.allocate(MSGHDR_BYTES, 8);
    private final MemorySegment callState = arena.allocate(CALL_STATE);
    private final MemorySegment timespec = arena.allocate(16, 8);
    private long realtimeMinusNanoTime;
    private volatile long kernelStamped; // written by the reading thread only
    private volatile long selfStamped;

    private KernelReceive() {
        MemorySegment iov = arena.allocate(16, 8);
        iov.set(ADDRESS, 0, data);
        iov.set(JAVA_LONG, 8, BUFFER_BYTES);
        message.set(ADDRESS, MSG_IOV, iov);
        message.set(JAVA_LONG, MSG_IOVLEN, 1);
        message.set(ADDRESS, MSG_CONTROL, control);
    }

    /** A reader, or null where kernel stamps cannot be had ({@link #unavailableReason()} says why). */
    static KernelReceive open() {
        if (UNAVAILABLE != null) return null;
        KernelReceive r = new KernelReceive();
        r.syncClocks();
        return r;
    }

    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Asks the kernel to stamp what {@code channel} receives; returns its file descriptor, or -1 when that failed
     * (the connection is then read and stamped by the caller).
     */
    int enable(SocketChannel channel) {
        return askForStamps(channel);
    }

    /**
     * Re-reads the offset between the kernel's stamps (CLOCK_REALTIME) and {@link System#nanoTime()}
     * (CLOCK_MONOTONIC); called once per wake-up of the read loop, so that a slewed wall clock moves the
     * conversion with it.
     */
    void syncClocks() {
        long before = System.nanoTime();
        int rc;
        try {
            rc = (int) CLOCK_GETTIME.invokeExact(CLOCK_REALTIME, timespec);
        } catch (Throwable e) {
            rc = -1;
        }
        long after = System.nanoTime();
        if (rc == 0) {
            long realtime = timespec.get(JAVA_LONG, 0) * 1_000_000_000L + timespec.get(JAVA_LONG, 8);
            realtimeMinusNanoTime = realtime - (before + (after - before) / 2);
        }
    }

    /**
     * One non-blocking read of {@code fd}: null at end of stream, an empty result when nothing was waiting, else
     * the bytes with the kernel's stamp of the last segment read, on the {@link System#nanoTime()} clock. A stamp
     * the kernel did not give, or one later than the read itself (a wall-clock step), is replaced by the read's
     * own time.
     */
    Wire.Received read(int fd) throws IOException {
        message.set(JAVA_LONG, MSG_CONTROLLEN, CONTROL_BYTES);
        long n;
        try {
            n = (long) RECVMSG.invokeExact(callState, fd, message, 0x40 /* MSG_DONTWAIT */);
        } catch (Throwable e) {
            throw new IOException("recvmsg failed: " + e, e);
        }
        long now = System.nanoTime();
        if (n == 0) return null;
        if (n < 0) {
            int err = (int) ERRNO.get(callState, 0L);
            if (err == EAGAIN || err == EINTR) return new Wire.Received(new byte[0], 0, now);
            if (err == ECONNRESET) throw new java.net.SocketException("Connection reset");
            throw new IOException("recvmsg failed (errno " + err + ")");
        }
        long stamp = now;
        if (message.get(JAVA_LONG, MSG_CONTROLLEN) >= CMSG_WITH_TIMESPEC && control.get(JAVA_INT, CMSG_LEVEL) == SOL_SOCKET
                && control.get(JAVA_INT, CMSG_TYPE) == SCM_TIMESTAMPNS) {
            long kernel = control.get(JAVA_LONG, CMSG_DATA) * 1_000_000_000L + control.get(JAVA_LONG, CMSG_DATA + 8);
            stamp = Math.min(now, kernel - realtimeMinusNanoTime);
            kernelStamped++;
        } else {
            selfStamped++;
        }
        byte[] copy = new byte[(int) n];
        MemorySegment.copy(data, JAVA_BYTE, 0, copy, 0, (int) n);
        return new Wire.Received(copy, (int) n, stamp);
    }

    /** Reads that carried the kernel's stamp. */
    long kernelStamped() {
        return kernelStamped;
    }

    /** Reads whose bytes came without a kernel stamp and were stamped at the read instead. */
    long selfStamped() {
        return selfStamped;
    }

    @Override
    public void close() {
        arena.close();
    }
}
