package dev.sluice.transport.internal;

import dev.sluice.spi.http.UpstreamResponse;
import io.netty.handler.codec.http.HttpResponse;
import java.net.http.HttpHeaders;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** An upstream's status line and headers, read straight from Netty's, with the JDK view built only when asked for. */
public final class NettyResponseHead implements UpstreamResponse {

    private static final byte[] EMPTY = new byte[0];

    private final int status;
    private final io.netty.handler.codec.http.HttpHeaders headers;
    private final byte[] body;

    public NettyResponseHead(HttpResponse response) {
        this(response.status().code(), response.headers(), EMPTY);
    }

    private NettyResponseHead(int status, io.netty.handler.codec.http.HttpHeaders headers, byte[] body) {
        this.status = status;
        this.headers = headers;
        this.body = body;
    }

    /** The same head with a whole body. */
    public NettyResponseHead withBody(byte[] whole) {
        return new NettyResponseHead(status, headers, whole);
    }

    @Override public int status() { return status; }

    @Override public String header(String name) { return headers.get(name); }

    @Override
    public HttpHeaders headers() {
        Map<String, List<String>> map = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> h : headers) {
            map.computeIfAbsent(h.getKey(), k -> new ArrayList<>(1)).add(h.getValue());
        }
        return HttpHeaders.of(map, (a, b) -> true);
    }

    @Override public byte[] body() { return body; }
}
