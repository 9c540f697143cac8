package dev.sluice.store.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.io.OutputStream;

/**
 * An HTTP answer for an admin route, free of any HTTP server: the server copies {@code status} and
 * {@code contentType} and calls {@link #writeTo}.
 *
 * @param body the whole body, or null when {@code writer} streams it
 * @param writer streams the body (exports), or null when {@code body} holds it
 */
public record AdminResponse(int status, String contentType, byte[] body, BodyWriter writer) {

    /** Writes a body to the response stream; may be slow (database cursor); does not close the stream. */
    @FunctionalInterface
    public interface BodyWriter {
        void writeTo(OutputStream out) throws IOException;
    }

    public static AdminResponse json(int status, JsonNode node) {
        return new AdminResponse(status, "application/json", Json.bytes(node), null);
    }

    public static AdminResponse stream(String contentType, BodyWriter writer) {
        return new AdminResponse(200, contentType, null, writer);
    }

    /** An error in the OpenAI error shape: {@code {"error": {"type", "message", "param"}}}. */
    public static AdminResponse error(int status, String type, String message, String param) {
        ObjectNode root = Json.object();
        ObjectNode error = root.putObject("error");
        error.put("type", type).put("message", message);
        if (param != null) {
            error.put("param", param);
        }
        return json(status, root);
    }

    public boolean streamed() { return writer != null; }

    /** Writes the body, buffered or streamed. */
    public void writeTo(OutputStream out) throws IOException {
        if (writer != null) {
            writer.writeTo(out);
        } else {
            out.write(body);
        }
    }
}
