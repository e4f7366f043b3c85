package dev.litebench.bench.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Where a server listens: scheme, host, port and the path prefix its API lives under. A trailing {@code /v1} is
 * stripped from the prefix, so {@code http://h:8000} and {@code http://h:8000/v1} name the same server.
 */
public record Endpoint(boolean tls, String host, int port, String basePath) {

    public static Endpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("endpoint '" + url + "' is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("endpoint '" + url + "' must start with http:// or https://");
        }
        if (uri.getHost() == null) throw new IllegalArgumentException("endpoint '" + url + "' has no host");
        boolean tls = scheme.equals("https");
        int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        while (path.endsWith("/")) path = path.substring(0, path.length() - 1);
        if (path.endsWith("/v1")) path = path.substring(0, path.length() - 3);
        return new Endpoint(tls, uri.getHost(), port, path);
    }

    /** The request target for an API path such as {@code /v1/models}. */
    public String path(String apiPath) {
        return basePath + apiPath;
    }

    public boolean isLoopback() {
        return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
    }

    @Override
    public String toString() {
        return (tls ? "https" : "http") + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                + ":" + port + basePath;
    }
}
