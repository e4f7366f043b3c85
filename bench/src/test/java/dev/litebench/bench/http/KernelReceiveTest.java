package dev.litebench.bench.http;

import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class KernelReceiveTest {
    private static final long MS = 1_000_000;

    @Test
    void stampsBytesWhenTheyArriveNotWhenTheyAreRead() throws Exception {
        boolean linux = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux");
        assumeTrue(linux, "kernel receive stamps are Linux-only");
        KernelReceive kernel = KernelReceive.open();
        assertThat(kernel).as(String.valueOf(KernelReceive.unavailableReason())).isNotNull();
        Thread.sleep(100); // the kernel switches stamping on through deferred work, after the first socket asks
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (kernel; ServerSocket listener = new ServerSocket(0, 1, loopback);
             SocketChannel channel = SocketChannel.open(new InetSocketAddress(loopback, listener.getLocalPort()));
             Socket peer = listener.accept()) {
            channel.configureBlocking(false);
            int fd = kernel.enable(channel);
            assertThat(fd).isNotNegative();
            assertThat(kernel.read(fd).length()).as("nothing sent yet: an empty read, not the end").isZero();

            OutputStream out = peer.getOutputStream();
            long writeStart = System.nanoTime();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            long writeEnd = System.nanoTime();
            Thread.sleep(200);
            kernel.syncClocks();
            Wire.Received r = kernel.read(fd);

            assertThat(new String(r.bytes(), 0, r.length(), StandardCharsets.US_ASCII)).isEqualTo("hello");
            // the kernel stamped the bytes during the write, 200 ms before this read
            assertThat(r.nanos()).as("kernel-stamped reads %d, self-stamped %d", kernel.kernelStamped(), kernel.selfStamped()).isBetween(writeStart - MS, writeEnd + MS);
            assertThat(kernel.kernelStamped()).isEqualTo(1);
            assertThat(kernel.selfStamped()).isZero();

            peer.close();
            Thread.sleep(20);
            assertThat(kernel.read(fd)).as("end of stream").isNull();
        }
    }

    @Test
    void aResetConnectionIsASocketExceptionNotTheEnd() throws Exception {
        KernelReceive kernel = KernelReceive.open();
        assumeTrue(kernel != null, "kernel receive stamps unavailable here: " + KernelReceive.unavailableReason());
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (kernel; ServerSocket listener = new ServerSocket(0, 1, loopback);
             SocketChannel channel = SocketChannel.open(new InetSocketAddress(loopback, listener.getLocalPort()))) {
            channel.configureBlocking(false);
            int fd = kernel.enable(channel);
            try (Socket peer = listener.accept()) {
                peer.setSoLinger(true, 0); // close with a reset
            }
            Thread.sleep(20);
            assertThatThrownBy(() -> kernel.read(fd)).isInstanceOf(java.net.SocketException.class).hasMessage("Connection reset");
        }
    }

    @Test
    void aTransportReportsWhereItsStampsCameFrom() throws Exception {
        InetAddress loopback = InetAddress.getLoopbackAddress();
        try (ServerSocket listener = new ServerSocket(0, 1, loopback)) {
            Thread.ofVirtual().start(() -> {
                try (Socket s = listener.accept()) {
                    s.getInputStream().read(new byte[4096]);
                    s.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok".getBytes(StandardCharsets.US_ASCII));
                } catch (Exception ignored) {
                    // the test fails on the client side
                }
            });
            try (HttpTransport http = new HttpTransport(Endpoint.parse("http://" + loopback.getHostAddress() + ":" + listener.getLocalPort()),
                    null, 2000, 2000)) {
                assertThat(http.call("GET", "/", null).text()).isEqualTo("ok");
                ArrivalStamps stamps = http.arrivalStamps();
                if (KernelReceive.unavailableReason() == null) {
                    assertThat(stamps.source()).isEqualTo(ArrivalStamps.KERNEL);
                    assertThat(stamps.kernelStampedReads()).isPositive();
                    assertThat(stamps.describe()).isEqualTo("kernel receive time");
                } else {
                    assertThat(stamps.source()).isEqualTo(ArrivalStamps.READ_LOOP);
                    assertThat(stamps.describe()).contains(KernelReceive.unavailableReason());
                }
            }
        }
    }
}
