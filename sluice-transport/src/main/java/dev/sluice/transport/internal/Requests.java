package dev.sluice.transport.internal;

import dev.sluice.spi.http.UpstreamRequest;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.util.Map;

/** Turns an {@link UpstreamRequest} into the Netty request written on an HTTP/1.1 connection or an HTTP/2 stream. */
final class Requests {

    private Requests() { }

    /** The request with {@code host} (HTTP/2's {@code :authority}), the provider's headers and the body's length. */
    static FullHttpRequest encode(UpstreamRequest request) {
        FullHttpRequest r = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(request.method()),
                request.path(), Unpooled.wrappedBuffer(request.body()));
        var h = r.headers();
        h.set(HttpHeaderNames.HOST, request.endpoint().authority());
        for (Map.Entry<String, String> e : request.headers().entrySet()) {
            h.add(e.getKey(), e.getValue());
        }
        h.set(HttpHeaderNames.CONTENT_LENGTH, request.body().length);
        return r;
    }
}
