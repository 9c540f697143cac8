package dev.sluice.openai;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.JsonMembers;
import dev.sluice.api.json.JsonSplice;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.WireTextReader;
import dev.sluice.spi.Attempt;
import dev.sluice.spi.http.PassThrough;
import dev.sluice.spi.http.PassedAnswer;
import dev.sluice.spi.http.UpstreamRequest;
import dev.sluice.spi.http.UpstreamResponse;
import java.io.IOException;
import java.util.Map;

/**
 * OpenAI callers to an OpenAI-shaped upstream (streams: {@link OpenAiStreamPass}). For whole answers, the caller's body
 * goes up with its {@code model} renamed to the upstream's, and the {@code chat.completion} comes back with its {@code
 * model} renamed to the one the caller asked for. Usage, finish reason and id are read with the streaming parser. Every
 * other field passes as the upstream wrote it. Stateless.
 */
record OpenAiPassThrough(OpenAiProvider provider, String providerId) implements PassThrough {

    @Override
    public UpstreamRequest request(byte[] body, RequestPeek peek, String upstreamModel, Attempt attempt) {
        return provider.chatPost(upstreamModel, peek.withModel(body, upstreamModel), false, attempt);
    }

    /** {@inheritDoc} For profiles that understand {@code stream_options}, so that usage can be asked for. */
    @Override
    public StreamPass stream(byte[] body, RequestPeek peek) {
        return provider.settings().profile().supportsStreamOptions()
                ? OpenAiStreamPass.of(provider, providerId, body, peek) : null;
    }

    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel) {
        byte[] body = response.body();
        Scan scan = new Scan();
        if (!JsonMembers.tryWalk(body, scan::member) || !scan.choices) {
            throw notACompletion();
        }
        return scan.passed(body, publicModel, null);
    }

    /**
     * {@inheritDoc} With {@code texts}, one strict walk ({@link WireTextReader}: repeated members refused) reads what
     * {@link #answer(UpstreamResponse, String)} reads and every choice's texts as {@link OpenAiAnswerTexts} does; an
     * answer that walk cannot read is read as without texts (the guardrail then reads it in canonical form).
     */
    @Override
    public PassedAnswer answer(UpstreamResponse response, String publicModel, boolean texts) {
        if (texts) {
            byte[] body = response.body();
            Scan scan = new Scan();
            scan.texts = new WireTextReader();
            if (WireTextReader.walk(body, scan::member) && scan.choices) {
                return scan.passed(body, publicModel, scan.texts.texts());
            }
        }
        return answer(response, publicModel);
    }

    @Override
    public ChatResponse decode(PassedAnswer answer, String publicModel) {
        return OpenAiResponseCodec.decode(answer.body(), providerId);
    }

    /** What is read of a {@code chat.completion}. */
    private static final class Scan {
        String id;
        JsonMembers.StringToken model;
        String finishReason;
        boolean refused;
        boolean choices;
        Usage usage = Usage.EMPTY;
        /** The guardrail's texts, when asked for: then every choice is read, strictly. */
        WireTextReader texts;

        /** The answer read: its body with the model renamed to {@code publicModel}, and {@code texts} (or null). */
        PassedAnswer passed(byte[] body, String publicModel, java.util.List<dev.sluice.api.wire.WireText> texts) {
            return new PassedAnswer(JsonSplice.replaceWithString(body, model, publicModel), "application/json",
                    Map.of(), usage, FinishReasons.fromWire(finishReason, refused), id == null ? "" : id, texts);
        }

        void member(String name, JsonParser p) throws IOException {
            switch (name) {
                case "id" -> id = JsonMembers.text(p);
                case "model" -> model = JsonMembers.string(p);
                case "choices" -> choices = choices(p);
                case "usage" -> usage = java.util.Objects.requireNonNullElse(UsageJson.read(p), Usage.EMPTY);
                default -> { }
            }
        }

        /** Reads the first choice's finish reason and refusal; the rest is skipped, or read for its texts. */
        private boolean choices(JsonParser p) throws IOException {
            if (texts != null) {
                boolean[] first = {true};
                WireTextReader.elements(p, choice -> {
                    boolean firstChoice = first[0];
                    first[0] = false;
                    OpenAiAnswerTexts.each(choice, (name, v) -> {
                        if (name.equals("finish_reason") && firstChoice) {
                            finishReason = JsonMembers.text(v);
                        } else if (name.equals("message")) {
                            String refusal = OpenAiAnswerTexts.message(v, texts);
                            refused |= firstChoice && refusal != null && !refusal.isEmpty();
                        }
                    });
                });
                return true;
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                return false;
            }
            boolean first = true;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (first) {
                    JsonMembers.each(p, this::choice);
                }
                first = false;
                p.skipChildren();
            }
            return true;
        }

        private void choice(String name, JsonParser p) throws IOException {
            if (name.equals("finish_reason")) {
                finishReason = JsonMembers.text(p);
            } else if (name.equals("message")) {
                JsonMembers.each(p, this::message);
            }
        }

        private void message(String name, JsonParser p) throws IOException {
            String refusal = name.equals("refusal") ? JsonMembers.text(p) : null;
            refused |= refusal != null && !refusal.isEmpty();
        }
    }

    private GatewayException notACompletion() {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502, "provider '" + providerId
                + "' sent an answer that is not a chat completion", providerId, null, null));
    }
}
