package dev.sluice.server;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.wire.StreamEncoder;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * Writes a stream to the caller as events arrive: the status line and headers go out with the first event, each event
 * is flushed at once. Until the first event nothing is sent, so an early failure can still become a normal error
 * response. Confined to the request thread.
 */
final class StreamResponder implements ChatEventSink {

    private final ServerResponse response;
    private final StreamEncoder encoder;
    private final ChatEventSink tee;
    private OutputStream out;

    /** @param tee also receives every event (content capture), or null */
    StreamResponder(ServerResponse response, StreamEncoder encoder, ChatEventSink tee) {
        this.response = response;
        this.encoder = encoder;
        this.tee = tee;
    }

    boolean started() { return out != null; }

    @Override
    public void accept(ChatEvent event) {
        try {
            if (out == null) {
                response.status(200);
                response.header(HeaderNames.CONTENT_TYPE, encoder.contentType());
                response.header(HeaderNames.CACHE_CONTROL, "no-cache");
                out = response.outputStream();
            }
            encoder.onEvent(event, out);
            out.flush();
            if (tee != null) {
                tee.accept(event);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void complete() {
        try {
            if (out == null) {
                accept(new ChatEvent.MessageStart("", ""));
            }
            encoder.onComplete(out);
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void fail(GatewayError error) {
        try {
            encoder.onError(error, out);
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the caller is gone or the connection broke: nothing more can be told
        }
    }
}
