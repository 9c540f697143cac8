package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.embed.EmbeddingResponse;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenAiEmbeddingsCodecTest {

    private final OpenAiEmbeddingsCodec codec = new OpenAiEmbeddingsCodec();

    private EmbeddingRequest decode(String json) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aStringOrAnArrayOfStringsIsAccepted() {
        assertThat(decode("{\"model\":\"e\",\"input\":\"hello\"}"))
                .isEqualTo(new EmbeddingRequest("e", List.of("hello"), null, "float", null));
        assertThat(decode("{\"model\":\"e\",\"input\":[\"a\",\"b\"],\"dimensions\":256,"
                + "\"encoding_format\":\"base64\",\"user\":\"u\"}"))
                .isEqualTo(new EmbeddingRequest("e", List.of("a", "b"), 256, "base64", "u"));
    }

    @Test
    void tokenArraysAreAnUnsupportedFeature() {
        assertThatThrownBy(() -> decode("{\"model\":\"e\",\"input\":[1212,318]}"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
                    assertThat(e.error().param()).isEqualTo("input");
                });
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "`{\"input\":\"x\"}`                                      | model           | is required",
        "`{\"model\":\"e\"}`                                      | input           | is required",
        "`{\"model\":\"e\",\"input\":\"\"}`                       | input           | must not be empty",
        "`{\"model\":\"e\",\"input\":[]}`                         | input           | at least one",
        "`{\"model\":\"e\",\"input\":{}}`                         | input           | a string or an array",
        "`{\"model\":\"e\",\"input\":[\"a\",true]}`               | input[1]        | must be a string",
        "`{\"model\":\"e\",\"input\":\"x\",\"dimensions\":0}`     | dimensions      | positive integer",
        "`{\"model\":\"e\",\"input\":\"x\",\"encoding_format\":\"int8\"}` | encoding_format | 'float' or 'base64'",
    })
    void aBadFieldIsA400NamingIt(String body, String param, String problem) {
        assertThatThrownBy(() -> decode(body)).isInstanceOfSatisfying(GatewayException.class, e -> {
            assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(e.error().param()).isEqualTo(param);
            assertThat(e.error().message()).contains(problem);
        });
    }

    @Test
    void vectorsAreWrittenAsFloatsOrLittleEndianBase64() throws IOException {
        EmbeddingResponse r = new EmbeddingResponse("up", List.of(new float[] {1.0f, -0.5f}, new float[] {0.25f}),
                Usage.of(6, 0));
        JsonNode floats = Json.parse(codec.encodeResponse(r, "pub", "float").body());
        assertThat(floats).isEqualTo(Json.parse("""
                {"object":"list","data":[{"object":"embedding","index":0,"embedding":[1.0,-0.5]},
                 {"object":"embedding","index":1,"embedding":[0.25]}],"model":"pub",
                 "usage":{"prompt_tokens":6,"total_tokens":6}}"""));
        JsonNode b64 = Json.parse(codec.encodeResponse(r, "pub", "base64").body());
        // 1.0f = 00 00 80 3F, -0.5f = 00 00 00 BF (little-endian)
        assertThat(b64.at("/data/0/embedding").asText()).isEqualTo("AACAPwAAAL8=");
    }

    @Test
    void anUpstreamAnswerInEitherEncodingDecodesInIndexOrder() {
        EmbeddingResponse r = codec.decodeResponse(("""
                {"object":"list","data":[{"object":"embedding","index":1,"embedding":"AACAPwAAAL8="},
                 {"object":"embedding","index":0,"embedding":[0.25,0.5]}],"model":"text-embedding-3-small",
                 "usage":{"prompt_tokens":8,"total_tokens":8}}""").getBytes(StandardCharsets.UTF_8), "oai");
        assertThat(r.vectors().get(0)).containsExactly(0.25f, 0.5f);
        assertThat(r.vectors().get(1)).containsExactly(1.0f, -0.5f);
        assertThat(r.usage().inputTokens()).isEqualTo(8);
        assertThat(r.model()).isEqualTo("text-embedding-3-small");
    }

    @Test
    void anUpstreamRequestDecodesBackToItself() {
        EmbeddingRequest req = new EmbeddingRequest("e", List.of("a", "b"), 64, "base64", "u");
        assertThat(codec.decodeRequest(codec.encodeRequest(req))).isEqualTo(req);
    }

    @Test
    void theModelListIsOpenAiShaped() throws IOException {
        var reply = OpenAiModelsCodec.encodeList(List.of("gpt-4o", "fast"), 1700000000L);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(Json.parse(reply.body())).isEqualTo(Json.parse("""
                {"object":"list","data":[
                 {"id":"gpt-4o","object":"model","created":1700000000,"owned_by":"sluice"},
                 {"id":"fast","object":"model","created":1700000000,"owned_by":"sluice"}]}"""));
    }
}
