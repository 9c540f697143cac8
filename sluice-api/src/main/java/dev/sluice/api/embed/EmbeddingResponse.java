package dev.sluice.api.embed;

import dev.sluice.api.chat.Usage;
import java.util.List;

/** One vector per input, in input order. */
public record EmbeddingResponse(String model, List<float[]> vectors, Usage usage) {
    public EmbeddingResponse {
        vectors = List.copyOf(vectors);
        usage = usage == null ? Usage.EMPTY : usage;
    }
}
