package dev.sluice.openai;

import static dev.sluice.openai.OpenAiRequestDecoder.FIELDS;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * OpenAI {@code /v1/embeddings}, both ways: callers' requests and our answers, upstream requests and their answers.
 * Vectors in {@code base64} are little-endian float32 bytes, as OpenAI sends them. Thread-safe and stateless.
 */
public final class OpenAiEmbeddingsCodec implements dev.sluice.api.wire.EmbeddingsWireCodec {

    /**
     * Decodes a caller's request: {@code input} a string or an array of strings (token arrays are refused as
     * {@code UNSUPPORTED_FEATURE}).
     *
     * @throws GatewayException {@code INVALID_REQUEST} naming the bad field
     */
    @Override
    public EmbeddingRequest decodeRequest(byte[] body) {
        JsonNode root = FIELDS.parseObject(body);
        String model = FIELDS.requireText(root, "model", "");
        String format = FIELDS.optText(root, "encoding_format", "");
        if (format != null && !format.equals("float") && !format.equals("base64")) {
            throw FIELDS.invalid("encoding_format", "must be 'float' or 'base64', got '" + format + "'");
        }
        EmbeddingRequest request = new EmbeddingRequest(model, input(root),
                FIELDS.optPositiveInt(root, "dimensions", ""), format, FIELDS.optText(root, "user", ""));
        request.checkLimits();
        return request;
    }

    private static List<String> input(JsonNode root) {
        JsonNode in = FIELDS.require(root, "input", "");
        if (in.isArray() && in.size() > EmbeddingRequest.MAX_INPUTS) {
            throw FIELDS.invalid("input", "may hold at most " + EmbeddingRequest.MAX_INPUTS + " texts, not "
                    + in.size());
        }
        if (in.isTextual()) {
            if (in.textValue().isEmpty()) {
                throw FIELDS.invalid("input", "must not be empty");
            }
            return List.of(in.textValue());
        }
        if (!in.isArray()) {
            throw FIELDS.wrongType("input", "a string or an array of strings", in);
        }
        if (in.isEmpty()) {
            throw FIELDS.invalid("input", "must contain at least one string");
        }
        List<String> out = new ArrayList<>(in.size());
        for (int i = 0; i < in.size(); i++) {
            JsonNode item = in.get(i);
            if (item.isNumber() || item.isArray()) {
                throw new GatewayException(new GatewayError(ErrorType.UNSUPPORTED_FEATURE, 400,
                        "token arrays as 'input' are not supported; send text", null, null, "input"));
            }
            if (!item.isTextual()) {
                throw FIELDS.wrongType("input[" + i + "]", "a string", item);
            }
            if (item.textValue().isEmpty()) {
                throw FIELDS.invalid("input[" + i + "]", "must not be empty");
            }
            out.add(item.textValue());
        }
        return out;
    }

    /** Our answer to a caller, vectors written as the caller's {@code encoding_format} asked. */
    @Override
    public WireReply encodeResponse(EmbeddingResponse response, String publicModel, String encodingFormat) {
        boolean base64 = "base64".equals(encodingFormat);
        ObjectNode root = Json.object().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (int i = 0; i < response.vectors().size(); i++) {
            ObjectNode item = data.addObject().put("object", "embedding").put("index", i);
            float[] v = response.vectors().get(i);
            if (base64) {
                item.put("embedding", toBase64(v));
            } else {
                ArrayNode arr = item.putArray("embedding");
                for (float f : v) {
                    arr.add(f);
                }
            }
        }
        root.put("model", publicModel);
        root.putObject("usage").put("prompt_tokens", response.usage().inputTokens())
                .put("total_tokens", response.usage().inputTokens());
        return new WireReply(200, "application/json", null, Json.bytes(root));
    }

    /** The upstream request body; {@code request.model()} is already the upstream model id. */
    public byte[] encodeRequest(EmbeddingRequest request) {
        ObjectNode root = Json.object().put("model", request.model());
        ArrayNode input = root.putArray("input");
        request.input().forEach(input::add);
        if (request.dimensions() != null) {
            root.put("dimensions", request.dimensions());
        }
        root.put("encoding_format", request.encodingFormat());
        if (request.user() != null) {
            root.put("user", request.user());
        }
        return Json.bytes(root);
    }

    /**
     * Reads an upstream answer, vectors as float arrays or base64 strings, put back in input order by {@code index}.
     *
     * @throws GatewayException {@code UPSTREAM_ERROR} when it is not an embeddings list
     */
    public EmbeddingResponse decodeResponse(byte[] body, String providerId) {
        JsonNode root;
        try {
            root = Json.parse(body);
        } catch (IOException e) {
            throw malformed(providerId, "is not valid JSON");
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw malformed(providerId, "has no 'data' array");
        }
        float[][] vectors = new float[data.size()][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").asInt(i);
            if (index < 0 || index >= vectors.length || vectors[index] != null) {
                throw malformed(providerId, "has a bad embedding index " + index);
            }
            vectors[index] = vector(item.path("embedding"), providerId);
        }
        JsonNode usage = root.path("usage");
        return new EmbeddingResponse(root.path("model").asText(""), List.of(vectors),
                Usage.of(usage.path("prompt_tokens").asLong(0), 0));
    }

    private static float[] vector(JsonNode e, String providerId) {
        if (e.isTextual()) {
            return fromBase64(e.textValue());
        }
        if (!e.isArray()) {
            throw malformed(providerId, "has an embedding that is neither an array nor base64");
        }
        float[] v = new float[e.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = e.get(i).floatValue();
        }
        return v;
    }

    static String toBase64(float[] v) {
        ByteBuffer buf = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(buf.array());
    }

    static float[] fromBase64(String s) {
        ByteBuffer buf = ByteBuffer.wrap(Base64.getDecoder().decode(s)).order(ByteOrder.LITTLE_ENDIAN);
        float[] v = new float[buf.remaining() / 4];
        buf.asFloatBuffer().get(v);
        return v;
    }

    private static GatewayException malformed(String providerId, String problem) {
        return new GatewayException(new GatewayError(ErrorType.UPSTREAM_ERROR, 502,
                "the embeddings answer from provider '" + providerId + "' " + problem, providerId, null, null));
    }
}
