package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Role;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Bad Converse input is refused as Bedrock refuses it: a ValidationException naming the field. */
class BedrockRequestValidationTest {

    final BedrockCodec codec = new BedrockCodec();

    GatewayException refused(String body) {
        try {
            codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), "amazon.nova-lite-v1:0");
        } catch (GatewayException e) {
            return e;
        }
        throw new AssertionError("accepted: " + body);
    }

    static final String OK_MESSAGES = "\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"hi\"}]}]";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "{}|messages",
        "{\"messages\":[]}|messages",
        "{\"messages\":{}}|messages",
        "{\"messages\":[{\"role\":\"system\",\"content\":[{\"text\":\"x\"}]}]}|messages[0].role",
        "{\"messages\":[{\"role\":\"user\"}]}|messages[0].content",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":5}]}]}|messages[0].content[0].text",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"sound\":{}}]}]}|messages[0].content[0]",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"text\":\"a\",\"image\":{}}]}]}|messages[0].content[0]",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"image\":{\"format\":\"bmp\",\"source\":{\"bytes\":\"AA==\"}}}]}]}"
                + "|messages[0].content[0].image.format",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"image\":{\"format\":\"png\",\"source\":{\"bytes\":\"@@@\"}}}]}]}"
                + "|messages[0].content[0].image.source.bytes",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolUse\":{\"toolUseId\":\"t\",\"name\":\"n\",\"input\":{}}}]}]}"
                + "|messages[0].content[0].toolUse",
        "{\"messages\":[{\"role\":\"assistant\",\"content\":[{\"toolUse\":{\"name\":\"n\",\"input\":{}}}]}]}"
                + "|messages[0].content[0].toolUse.toolUseId",
        "{\"messages\":[{\"role\":\"user\",\"content\":[{\"toolResult\":{\"toolUseId\":\"t\",\"content\":[],"
                + "\"status\":\"maybe\"}}]}]}|messages[0].content[0].toolResult.status",
        "{" + OK_MESSAGES + ",\"inferenceConfig\":{\"maxTokens\":0}}|inferenceConfig.maxTokens",
        "{" + OK_MESSAGES + ",\"inferenceConfig\":{\"maxTokens\":\"10\"}}|inferenceConfig.maxTokens",
        "{" + OK_MESSAGES + ",\"inferenceConfig\":{\"temperature\":1.5}}|inferenceConfig.temperature",
        "{" + OK_MESSAGES + ",\"inferenceConfig\":{\"topP\":-0.1}}|inferenceConfig.topP",
        "{" + OK_MESSAGES + ",\"inferenceConfig\":{\"stopSequences\":[\"\"]}}|inferenceConfig.stopSequences[0]",
        "{" + OK_MESSAGES + ",\"system\":[{\"text\":1}]}|system[0].text",
        "{" + OK_MESSAGES + ",\"toolConfig\":{\"tools\":[]}}|toolConfig.tools",
        "{" + OK_MESSAGES + ",\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"bad name\",\"inputSchema\":"
                + "{\"json\":{}}}}]}}|toolConfig.tools[0].toolSpec.name",
        "{" + OK_MESSAGES + ",\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"f\"}}]}}"
                + "|toolConfig.tools[0].toolSpec.inputSchema",
        "{" + OK_MESSAGES + ",\"toolConfig\":{\"tools\":[{\"toolSpec\":{\"name\":\"f\",\"inputSchema\":{\"json\":{}}}}],"
                + "\"toolChoice\":{\"none\":{}}}}|toolConfig.toolChoice",
    })
    void badFieldsAreValidationErrorsNamingTheField(String body, String field) {
        GatewayException e = refused(body);
        assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
        assertThat(e.error().status()).isEqualTo(400);
        assertThat(e.error().param()).isEqualTo(field);
        assertThat(e.error().message()).contains("'" + field + "'");
        assertThat(codec.encodeError(e.error()).headers()).containsEntry("x-amzn-ErrorType", "ValidationException");
    }

    @Test
    void malformedJsonAndNonObjectsAreRefusedWithoutEchoingTheParser() {
        for (String body : List.of("", "{", "[1]", "\"text\"", "{\"messages\":[]} trailing", "\u0000")) {
            GatewayException e = refused(body);
            assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST);
            assertThat(e.error().message()).doesNotContain("jackson").doesNotContain("Exception");
        }
    }

    @Test
    void invalidUtf8IsRefused() {
        byte[] body = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
        assertThatThrownBy(() -> codec.decodeRequest(body, "m")).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST));
    }

    @Test
    void aMissingModelIdIsRefused() {
        assertThatThrownBy(() -> codec.decodeRequest(("{" + OK_MESSAGES + "}").getBytes(StandardCharsets.UTF_8), " "))
                .isInstanceOfSatisfying(GatewayException.class,
                        e -> assertThat(e.error().param()).isEqualTo("modelId"));
    }

    @Test
    void documentsVideosAndS3ImagesAreUnsupportedFeatures() {
        for (String block : List.of("{\"document\":{\"name\":\"d\",\"format\":\"pdf\",\"source\":{\"bytes\":\"AA==\"}}}",
                "{\"video\":{}}",
                "{\"image\":{\"format\":\"png\",\"source\":{\"s3Location\":{\"uri\":\"s3://b/k\"}}}}")) {
            GatewayException e = refused("{\"messages\":[{\"role\":\"user\",\"content\":[" + block + "]}]}");
            assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
        }
    }

    @Test
    void additionalModelRequestFieldsAreIgnoredAndCachePointsKept() {
        ChatRequest r = codec.decodeRequest(("{" + OK_MESSAGES.replace("[{\"text\":\"hi\"}]",
                "[{\"text\":\"hi\"},{\"cachePoint\":{\"type\":\"default\"}}]")
                + ",\"additionalModelRequestFields\":{\"top_k\":5},\"system\":[{\"text\":\"s\"},"
                + "{\"cachePoint\":{\"type\":\"default\"}}],\"performanceConfig\":{\"latency\":\"standard\"}}")
                .getBytes(StandardCharsets.UTF_8), "m");
        assertThat(r.messages()).containsExactly(
                new Message(Role.SYSTEM, List.of(new ContentBlock.Text("s"), ContentBlock.CachePoint.DEFAULT), null),
                new Message(Role.USER, List.of(new ContentBlock.Text("hi"), ContentBlock.CachePoint.DEFAULT), null));
    }

    @Test
    void urlImagesAndJsonResponseFormatsCannotGoUpstream() {
        ChatRequest url = ChatRequest.builder().model("m").messages(List.of(new Message(Role.USER,
                List.of(new ContentBlock.Image(null, null, "https://example.com/cat.png")), null))).build();
        assertThatThrownBy(() -> codec.encodeRequest(url)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE));
        ChatRequest json = ChatRequest.builder().model("m").messages(List.of(Message.user("hi")))
                .responseFormat(ResponseFormat.JSON_OBJECT).build();
        assertThatThrownBy(() -> codec.encodeRequest(json)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE));
        ChatRequest tiff = ChatRequest.builder().model("m").messages(List.of(new Message(Role.USER,
                List.of(new ContentBlock.Image("image/tiff", "AA==", null)), null))).build();
        assertThatThrownBy(() -> codec.encodeRequest(tiff)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE));
    }
}
