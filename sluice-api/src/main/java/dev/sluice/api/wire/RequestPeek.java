package dev.sluice.api.wire;

import dev.sluice.api.json.JsonSplice;

/**
 * What the gateway reads of a caller's chat request before (or instead of) decoding it whole: enough to route it,
 * decide on streaming, and forward its bytes with the model renamed.
 *
 * @param model the model the caller named (in the body, or in the path for Bedrock)
 * @param stream whether the caller asked for a streamed answer
 * @param modelStart byte offset of the model's JSON string token in the body (its opening quote), or -1 when the
 *     model is not in the body
 * @param modelEnd byte offset just past that token, or -1
 * @param maxTokens the caller's output token limit, or null
 * @param user the API's end-user field (OpenAI's {@code user}, Anthropic's {@code metadata.user_id}) when it is a
 *     string, else null: recorded in the ledger and used to pin a session, without decoding the request
 */
public record RequestPeek(String model, boolean stream, int modelStart, int modelEnd, Integer maxTokens,
                          String user) {

    /** A peek without the caller's user. */
    public RequestPeek(String model, boolean stream, int modelStart, int modelEnd, Integer maxTokens) {
        this(model, stream, modelStart, modelEnd, maxTokens, null);
    }

    /** True when the body names the model at a known place, so that it can be rewritten in place. */
    public boolean modelInBody() {
        return modelStart >= 0 && modelEnd > modelStart;
    }

    /**
     * The peeked {@code body} naming {@code model} instead: its model token replaced in place, every other byte as it
     * is; {@code body} itself when the model is not in the body or is already {@code model}.
     */
    public byte[] withModel(byte[] body, String model) {
        return modelInBody() && !model.equals(this.model)
                ? JsonSplice.replaceWithString(body, modelStart, modelEnd, model) : body;
    }
}
