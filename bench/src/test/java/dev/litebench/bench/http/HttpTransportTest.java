package dev.litebench.bench.http;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The HTTP/1.1 framings a server may use, against a raw socket server that writes exactly the given bytes. */
class HttpTransportTest {

    /** Serves each accepted connection with {@code response}, then closes it if {@code close}. */
    private static ServerSocket serve(String response, boolean close, AtomicInteger connections) throws IOException {
        ServerSocket ss = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(() -> {
            while (!ss.isClosed()) {
                try {
                    Socket s = ss.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> answer(s, response, close));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return ss;
    }

    private static void answer(Socket s, String response, boolean close) {
        try (s) {
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            while (true) {
                if (!readRequest(in)) return;
                out.write(response.getBytes(StandardCharsets.UTF_8));
                out.flush();
                if (close) return;
            }
        } catch (IOException e) {
            // client went away
        }
    }

    /** Reads one request with its Content-Length body; false at end of stream. */
    private static boolean readRequest(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            head.append((char) c);
            if (head.toString().endsWith("\r\n\r\n")) break;
        }
        if (c < 0) return false;
        String h = head.toString().toLowerCase();
        int i = h.indexOf("content-length:");
        if (i >= 0) in.readNBytes(Integer.parseInt(h.substring(i + 15, h.indexOf("\r\n", i)).strip()));
        return true;
    }

    private static String url(ServerSocket ss) {
        return "http://127.0.0.1:" + ss.getLocalPort();
    }

    @Test
    void chunkedWithExtensionsAndTrailersThenTheConnectionIsReused() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        String response = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nX-Trailer: y\r\n\r\n";
        try (ServerSocket ss = serve(response, false, connections);
             HttpTransport t = new HttpTransport(Endpoint.parse(url(ss)), null, 1000, 2000)) {
            assertThat(t.call("GET", "/", null).text()).isEqualTo("hello, world");
            assertThat(t.call("POST", "/x", "{}".getBytes()).text()).isEqualTo("hello, world");
            assertThat(connections.get()).isEqualTo(1);
        }
    }

    @Test
    void bodyUntilCloseAndStaleKeepAliveConnectionsAreRetried() throws IOException {
        AtomicInteger connections = new AtomicInteger();
        // a keep-alive response, after which the server closes anyway: the next request must retry on a new connection
        String response = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
        try (ServerSocket ss = serve(response, true, connections);
             HttpTransport t = new HttpTransport(Endpoint.parse(url(ss)), null, 1000, 2000)) {
            assertThat(t.call("GET", "/", null).text()).isEqualTo("ok");
            assertThat(t.call("GET", "/", null).text()).isEqualTo("ok");
            assertThat(connections.get()).isEqualTo(2);
        }
        try (ServerSocket ss = serve("HTTP/1.1 503 Busy\r\nConnection: close\r\n\r\nno body length", true, new AtomicInteger());
             HttpTransport t = new HttpTransport(Endpoint.parse(url(ss)), null, 1000, 2000)) {
            HttpTransport.Response r = t.call("GET", "/", null);
            assertThat(r.status()).isEqualTo(503);
            assertThat(r.text()).isEqualTo("no body length");
        }
    }

    @Test
    void garbageIsAMalformedResponseAndSilenceATimeout() throws IOException {
        try (ServerSocket ss = serve("SSH-2.0-OpenSSH\r\n\r\n", true, new AtomicInteger());
             HttpTransport t = new HttpTransport(Endpoint.parse(url(ss)), null, 1000, 2000)) {
            assertThatThrownBy(() -> t.call("GET", "/", null)).isInstanceOf(HttpConnection.MalformedResponseException.class);
        }
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HttpTransport t = new HttpTransport(Endpoint.parse(url(silent)), null, 1000, 300)) {
            assertThatThrownBy(() -> t.call("GET", "/", null)).isInstanceOf(java.net.SocketTimeoutException.class);
        }
    }

    @Test
    void endpointsNormalise() {
        assertThat(Endpoint.parse("http://h:8000/v1/").toString()).isEqualTo("http://h:8000");
        assertThat(Endpoint.parse("https://api.example.com/openai/v1").path("/v1/models")).isEqualTo("/openai/v1/models");
        assertThat(Endpoint.parse("https://api.example.com").port()).isEqualTo(443);
        assertThatThrownBy(() -> Endpoint.parse("localhost:8000")).hasMessageContaining("http://");
    }
}
