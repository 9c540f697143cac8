package dev.sluice.server;

import dev.sluice.api.wire.WireReply;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;

/** Writes {@link WireReply} values. */
final class Replies {

    private Replies() { }

    static void send(ServerResponse response, WireReply reply) {
        response.status(reply.status());
        response.header(HeaderNames.CONTENT_TYPE, reply.contentType());
        reply.headers().forEach(response::header);
        response.send(reply.body());
    }
}
