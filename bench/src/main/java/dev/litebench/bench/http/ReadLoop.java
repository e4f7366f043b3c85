package dev.litebench.bench.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.CancelledKeyException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * One platform thread that waits on every open connection of a transport at once (epoll through a
 * {@link Selector}) and reads whatever arrives. Where the kernel can stamp receptions ({@link KernelReceive}),
 * each read carries the time its bytes reached the socket, so even this thread being kept off a core does not
 * delay the stamp; elsewhere each read is stamped with {@link System#nanoTime()} the moment it returns. The
 * request's virtual thread then takes the stamped bytes from its {@link Inbox} whenever it gets to run, so a busy
 * scheduler delays the parsing but never the timestamp; and an idle connection costs nothing per chunk beyond one
 * read.
 */
final class ReadLoop implements Closeable {
    private final Selector selector;
    private final ConcurrentLinkedQueue<Inbox> registrations = new ConcurrentLinkedQueue<>();
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(256 * 1024);
    private volatile long selfStamped; // written by the loop's thread only
    private final KernelReceive kernel;
    private final Thread thread;
    private volatile boolean open = true;

    ReadLoop() {
        try {
            selector = Selector.open();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        kernel = KernelReceive.open();
        thread = Thread.ofPlatform().daemon().name("litebench-read-loop").start(this::loop);
    }

    /** Starts reading a connected channel (switched to non-blocking mode) into a new inbox. */
    Inbox register(SocketChannel channel) throws IOException {
        channel.configureBlocking(false);
        Inbox inbox = new Inbox(channel, kernel == null ? -1 : kernel.enable(channel));
        registrations.add(inbox);
        selector.wakeup();
        return inbox;
    }

    private void loop() {
        while (open) {
            try {
                selector.select();
            } catch (IOException e) {
                return;
            }
            if (kernel != null) kernel.syncClocks();
            for (Inbox i; (i = registrations.poll()) != null; ) {
                try {
                    i.channel.register(selector, SelectionKey.OP_READ, i);
                } catch (IOException | CancelledKeyException e) {
                    i.fail(new IOException("connection closed", e));
                }
            }
            // every ready connection is read (and stamped) before any waiting thread is woken: a wake-up costs a
            // system call, which would otherwise delay the stamps of the connections read after it
            for (SelectionKey key : selector.selectedKeys()) {
                Inbox inbox = (Inbox) key.attachment();
                try {
                    drain(key, inbox);
                } catch (IOException | CancelledKeyException e) {
                    key.cancel();
                    inbox.fail(e instanceof IOException io ? io : new IOException("connection closed"));
                }
            }
            for (SelectionKey key : selector.selectedKeys()) ((Inbox) key.attachment()).wake();
            selector.selectedKeys().clear();
        }
    }

    /** One read per readiness: the selector is level-triggered, so anything left is reported again at once. */
    private void drain(SelectionKey key, Inbox inbox) throws IOException {
        Wire.Received r = inbox.fd >= 0 ? kernel.read(inbox.fd) : readAndStamp(inbox.channel);
        if (r == null) {
            key.cancel();
            inbox.end();
        } else if (r.length() > 0) {
            inbox.add(r);
        }
    }

    private Wire.Received readAndStamp(SocketChannel channel) throws IOException {
        buffer.clear();
        int n = channel.read(buffer);
        long now = System.nanoTime();
        if (n < 0) return null;
        byte[] copy = new byte[n];
        buffer.flip().get(copy);
        selfStamped++;
        return new Wire.Received(copy, n, now);
    }

    /** Where this loop's stamps came from so far. */
    ArrivalStamps stamps() {
        if (kernel == null) return new ArrivalStamps(ArrivalStamps.READ_LOOP, 0, selfStamped, KernelReceive.unavailableReason());
        return new ArrivalStamps(ArrivalStamps.KERNEL, kernel.kernelStamped(), kernel.selfStamped() + selfStamped, null);
    }

    @Override
    public void close() {
        open = false;
        selector.wakeup();
        try {
            thread.join(1000);
            selector.close();
        } catch (IOException | InterruptedException e) {
            // shutting down
        }
        if (kernel != null && !thread.isAlive()) kernel.close();
    }

    /** Stamped bytes of one connection, waiting for its request thread. */
    static final class Inbox {
        private static final Wire.Received END = new Wire.Received(new byte[0], 0, 0);
        final SocketChannel channel;
        /** The descriptor the kernel stamps receptions of, or -1 when this loop stamps them. */
        final int fd;
        private final ConcurrentLinkedQueue<Wire.Received> queue = new ConcurrentLinkedQueue<>();
        private volatile Thread waiter;
        private volatile IOException failure;

        Inbox(SocketChannel channel, int fd) {
            this.channel = channel;
            this.fd = fd;
        }

        /** Queues bytes; the reader is woken by {@link #wake()}. */
        void add(Wire.Received r) {
            queue.add(r);
        }

        void wake() {
            Thread w = waiter;
            if (w != null) LockSupport.unpark(w);
        }

        void end() {
            add(END);
        }

        void fail(IOException e) {
            failure = e;
            add(END);
            wake();
        }

        /** The next bytes, or null at end of stream. */
        Wire.Received take(long timeoutNanos) throws IOException {
            long deadline = System.nanoTime() + timeoutNanos;
            while (true) {
                Wire.Received r = queue.peek();
                if (r == END) {
                    if (failure != null) throw failure;
                    return null;
                }
                if (r != null) return queue.poll();
                waiter = Thread.currentThread();
                if (queue.isEmpty()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        waiter = null;
                        throw new SocketTimeoutException("read timed out");
                    }
                    LockSupport.parkNanos(this, left);
                }
                waiter = null;
            }
        }
    }
}
