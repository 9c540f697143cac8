package dev.sluice.api.embed;

import dev.sluice.api.error.GatewayException;
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
    /** The most texts in one request (OpenAI's own limit). */
    public static final int MAX_INPUTS = 2048;
    /** The largest {@code dimensions} a caller may ask for. */
    public static final int MAX_DIMENSIONS = 8192;
    /**
     * The most numbers one answer may hold (texts times dimensions): as many as OpenAI's largest model gives for its
     * most texts (2,048 x 3,072), about 75 MB of JSON. More is refused before any upstream is called, and an upstream
     * answer with more is refused too, so that no answer grows without bound.
     */
    public static final long MAX_VALUES = 2048L * 3072;

    public EmbeddingRequest {
        Objects.requireNonNull(model, "model");
        input = List.copyOf(input);
        encodingFormat = encodingFormat == null ? "float" : encodingFormat;
    }

    /**
     * Checks the limits above.
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming {@code input} or {@code dimensions}
     */
    public void checkLimits() {
        if (input.size() > MAX_INPUTS) {
            throw GatewayException.invalid("'input' may hold at most " + MAX_INPUTS + " texts, not " + input.size(),
                    "input");
        }
        if (dimensions != null) {
            if (dimensions < 1 || dimensions > MAX_DIMENSIONS) {
                throw GatewayException.invalid("'dimensions' must be from 1 to " + MAX_DIMENSIONS + ", not "
                        + dimensions, "dimensions");
            }
            if ((long) dimensions * input.size() > MAX_VALUES) {
                throw GatewayException.invalid(input.size() + " texts of " + dimensions + " dimensions is more than "
                        + MAX_VALUES + " numbers in one answer; send fewer texts per request", "input");
            }
        }
    }

    public EmbeddingRequest withModel(String newModel) {
        return new EmbeddingRequest(newModel, input, dimensions, encodingFormat, user);
    }
}
