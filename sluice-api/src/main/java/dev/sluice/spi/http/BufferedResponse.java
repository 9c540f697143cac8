package dev.sluice.spi.http;

import java.net.http.HttpHeaders;
import java.util.Objects;

/** An {@link UpstreamResponse} held in memory: a status, its headers and the body read so far. Immutable. */
public record BufferedResponse(int status, HttpHeaders headers, byte[] body) implements UpstreamResponse {

    public BufferedResponse {
        Objects.requireNonNull(headers, "headers");
        body = body == null ? new byte[0] : body;
    }

    @Override
    public String header(String name) {
        return headers.firstValue(name).orElse(null);
    }
}
