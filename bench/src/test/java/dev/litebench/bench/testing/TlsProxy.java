package dev.litebench.bench.testing;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Terminates TLS on a loopback port and relays each connection's bytes to a plain server as they come, with a
 * self-signed certificate for 127.0.0.1 made by the JDK's keytool. {@link #clientContext} trusts that certificate.
 */
public final class TlsProxy implements AutoCloseable {
    private static final char[] PASSWORD = "litebench".toCharArray();

    private final ServerSocket server;
    private final KeyStore keys;

    private TlsProxy(ServerSocket server, KeyStore keys) {
        this.server = server;
        this.keys = keys;
    }

    public static TlsProxy start(Path dir, int backendPort) throws Exception {
        Path store = dir.resolve("tls.p12");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "proxy", "-keyalg", "EC", "-groupname", "secp256r1",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", new String(PASSWORD)))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException("keytool failed: " + out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        SSLServerSocket s = (SSLServerSocket) ctx.getServerSocketFactory().createServerSocket();
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        TlsProxy proxy = new TlsProxy(s, ks);
        Thread.ofVirtual().start(() -> proxy.accept(backendPort));
        return proxy;
    }

    public String url() {
        return "https://127.0.0.1:" + server.getLocalPort();
    }

    /** A client context that trusts this proxy's certificate (and nothing else). */
    public SSLContext clientContext() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keys);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private void accept(int backendPort) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Socket backend = new Socket(InetAddress.getLoopbackAddress(), backendPort);
                backend.setTcpNoDelay(true);
                Thread.ofVirtual().start(() -> relay(client, backend));
                Thread.ofVirtual().start(() -> relay(backend, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void relay(Socket from, Socket to) {
        byte[] buf = new byte[16384];
        try (from; to) {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n; (n = in.read(buf)) > 0; ) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // one side closed: closing both ends the other relay too
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
