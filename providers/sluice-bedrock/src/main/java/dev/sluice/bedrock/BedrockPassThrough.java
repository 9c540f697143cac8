package dev.sluice.bedrock;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.util.Map;

/**
 * Bedrock Converse callers to a Bedrock upstream, for whole answers. The model is in the URL path, not the body: the
 * caller's Converse body goes up unchanged, to the deployment's upstream model's {@code converse} path, authenticated
 * as {@link BedrockProvider#chatRequest} does (SigV4 over exactly these bytes, or the API key). The answer comes back
 * unchanged too, since a Converse answer names no model, with its {@code x-amzn-RequestId} header, which is the
 * call's id as the canonical encoder sends it. Stop reason and usage are read with the streaming parser.
 *
 * <p>One difference from a translated answer: {@code metrics.latencyMs} is the upstream's own figure as Bedrock wrote
 * it, where the canonical encoder writes the gateway's latency for the whole call. Every other field
 * ({@code additionalModelResponseFields}, {@code trace}, reasoning and citation blocks, ...) passes as it is.
 * Stateless.
 */
record BedrockPassThrough(BedrockProvider provider, String providerId) implements PassThrough {

    private static final String REQUEST_ID = "x-amzn-RequestId";

    /** {@inheritDoc} {@code body} is sent as it is: {@code peek} names the path's model, not one in the body. */
    @Override
    public UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt) {
        return provider.post(upstreamModel, body, false, attempt);
    }

    /** {@inheritDoc} An answer without an {@code output.message.content} array is not a Converse answer. */
    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel) {
        Scan scan = new Scan();
        if (!JsonMembers.tryWalk(response.body(), scan::member) || !scan.content) {
            throw BedrockResponseCodec.broken(providerId, "sent a response that is not a Converse answer (one with"
                    + " output.message.content)");
        }
        String id = BedrockProvider.requestId(response);
        return new PassedAnswer(response.body(), "application/json", Map.of(REQUEST_ID, id),
                UsageJson.decode(scan.usage), StopReasons.fromWire(scan.stopReason), id);
    }

    /** What is read of a Converse answer. */
    private static final class Scan {
        String stopReason;
        boolean content;
        JsonNode usage;

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "stopReason" -> stopReason = JsonMembers.text(p);
                case "usage" -> usage = JsonMembers.object(p);
                case "output" -> JsonMembers.each(p, this::output);
                default -> { }
            }
        }

        private void output(String name, JsonParser p) throws IOException {
            if (name.equals("message")) {
                JsonMembers.each(p, (field, v) -> content |= field.equals("content")
                        && v.currentToken() == JsonToken.START_ARRAY);
            }
        }
    }
}
