package dev.litebench.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** With {@code --api-key}: every {@code /v1} request must carry {@code Authorization: Bearer KEY}, else 401. */
final class ApiKeyFilter implements Filter {
    private final byte[] expected;

    ApiKeyFilter(String apiKey) {
        this.expected = ("Bearer " + apiKey).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        if (!(path.equals("/v1") || path.startsWith("/v1/")) || authorized(req.headers().first(HeaderNames.AUTHORIZATION).orElse(""))) {
            chain.proceed();
            return;
        }
        res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        Errors.send(res, new ApiException(Status.UNAUTHORIZED_401, "authentication_error", "invalid_api_key", null,
                "missing or wrong API key: send 'Authorization: Bearer <key>'"));
    }

    private boolean authorized(String header) {
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }
}
