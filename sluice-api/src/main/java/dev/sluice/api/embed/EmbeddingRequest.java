package dev.sluice.api.embed;

import java.util.List;
import java.util.Objects;

/**
 * Texts to embed.
 *
 * @param dimensions requested output size, null for the model's default
 * @param encodingFormat {@code float} or {@code base64}: how the caller wants vectors written back
 */
public record EmbeddingRequest(String model, List<String> input, Integer dimensions, String encodingFormat,
                               String user) {
    public EmbeddingRequest {
        Objects.requireNonNull(model, "model");
        input = List.copyOf(input);
        encodingFormat = encodingFormat == null ? "float" : encodingFormat;
    }

    public EmbeddingRequest withModel(String newModel) {
        return new EmbeddingRequest(newModel, input, dimensions, encodingFormat, user);
    }
}
