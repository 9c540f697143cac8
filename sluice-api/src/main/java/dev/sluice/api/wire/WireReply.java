package dev.sluice.api.wire;

import java.util.Map;

/** A complete HTTP answer in some wire format: status, content type, extra headers and body. */
public record WireReply(int status, String contentType, Map<String, String> headers, byte[] body) {
    public WireReply {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }
}
