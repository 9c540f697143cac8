package dev.sluice.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.json.JsonSplice;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.util.Map;

/**
 * OpenAI callers to an OpenAI-shaped upstream, for whole answers: the caller's body goes up with its {@code model}
 * renamed to the upstream's, and the {@code chat.completion} comes back with its {@code model} renamed to the one the
 * caller asked for. Usage, finish reason and id are read with the streaming parser. Every other field passes as the
 * upstream wrote it. Stateless.
 */
final class OpenAiPassThrough implements PassThrough {

    /** Reads one value in the middle of a document (the mapper's own check for trailing tokens would refuse it). */
    private static final ObjectReader SUBTREE = Json.MAPPER.reader()
            .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final OpenAiProvider provider;
    private final String providerId;

    OpenAiPassThrough(OpenAiProvider provider, String providerId) {
        this.provider = provider;
        this.providerId = providerId;
    }

    @Override
    public UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt) {
        byte[] upstream = peek.modelInBody() && !upstreamModel.equals(peek.model())
                ? JsonSplice.replaceWithString(body, peek.modelStart(), peek.modelEnd(), upstreamModel) : body;
        return provider.chatPost(upstreamModel, upstream, attempt);
    }

    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel) {
        byte[] body = response.body();
        Scan scan = scan(body);
        byte[] out = scan.modelStart >= 0
                ? JsonSplice.replaceWithString(body, scan.modelStart, scan.modelEnd, publicModel) : body;
        return new PassedAnswer(out, "application/json", Map.of(), scan.usage,
                FinishReasons.fromWire(scan.finishReason, scan.refused), scan.id == null ? "" : scan.id);
    }

    /** What is read of a {@code chat.completion}. */
    private static final class Scan {
        String id;
        int modelStart = -1;
        int modelEnd = -1;
        String finishReason;
        boolean refused;
        boolean choices;
        Usage usage = Usage.EMPTY;
    }

    private Scan scan(byte[] body) {
        Scan s = new Scan();
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw notACompletion();
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "id" -> s.id = v == JsonToken.VALUE_STRING ? p.getText() : null;
                    case "model" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            s.modelStart = (int) p.currentTokenLocation().getByteOffset();
                            p.getText();
                            s.modelEnd = (int) p.currentLocation().getByteOffset();
                        }
                    }
                    case "choices" -> {
                        s.choices = v == JsonToken.START_ARRAY;
                        choices(p, v, s);
                    }
                    case "usage" -> s.usage = v == JsonToken.START_OBJECT
                            ? UsageJson.decode(SUBTREE.readTree(p)) : skip(p);
                    default -> p.skipChildren();
                }
            }
        } catch (IOException e) {
            throw notACompletion();
        }
        if (!s.choices) {
            throw notACompletion();
        }
        return s;
    }

    private static Usage skip(JsonParser p) throws IOException {
        p.skipChildren();
        return Usage.EMPTY;
    }

    /** Reads the first choice's finish reason and refusal; skips the rest. */
    private static void choices(JsonParser p, JsonToken v, Scan s) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            p.skipChildren();
            return;
        }
        boolean first = true;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (first && t == JsonToken.START_OBJECT) {
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken c = p.nextToken();
                    if (name.equals("finish_reason") && c == JsonToken.VALUE_STRING) {
                        s.finishReason = p.getText();
                    } else if (name.equals("message") && c == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String m = p.currentName();
                            JsonToken mv = p.nextToken();
                            if (m.equals("refusal") && mv == JsonToken.VALUE_STRING && !p.getText().isEmpty()) {
                                s.refused = true;
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else {
                        p.skipChildren();
                    }
                }
            } else {
                p.skipChildren();
            }
            first = false;
        }
    }

    private GatewayException notACompletion() {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "provider '" + providerId
                + "' sent an answer that is not a chat completion", providerId, null, null));
    }
}
