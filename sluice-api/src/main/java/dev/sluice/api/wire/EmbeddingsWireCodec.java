package dev.sluice.api.wire;

import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;

/** The inbound side of an embeddings API: decode a caller's request, encode the answer. Thread-safe. */
public interface EmbeddingsWireCodec {

    /** @throws dev.sluice.api.error.GatewayException {@code INVALID_REQUEST} naming the bad field */
    EmbeddingRequest decodeRequest(byte[] body);

    /** The answer as the caller asked for it ({@code encodingFormat}), naming the public model. */
    WireReply encodeResponse(EmbeddingResponse response, String publicModel, String encodingFormat);
}
