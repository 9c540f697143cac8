package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Converse {@code cachePoint} blocks: decoded into canonical cache points, encoded back for models that take them. */
class BedrockPromptCachingTest {

    private static final String CLAUDE = "us.anthropic.claude-sonnet-4-5-20250929-v1:0";

    private static final String REQUEST = """
            {"system":[{"text":"The long house policy."},{"cachePoint":{"type":"default","ttl":"1h"}},
                       {"text":"Today is Monday."}],
             "messages":[
               {"role":"user","content":[{"text":"A long document."},{"cachePoint":{"type":"default"}},
                                         {"text":"What does it say?"}]},
               {"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"lookup","input":{}}}]},
               {"role":"user","content":[{"toolResult":{"toolUseId":"t1","content":[{"text":"42"}]}},
                                         {"cachePoint":{"type":"default"}},{"text":"And then?"}]}],
             "toolConfig":{"tools":[{"toolSpec":{"name":"lookup","inputSchema":{"json":{"type":"object"}}}},
                                    {"cachePoint":{"type":"default"}}]}}""";

    private final BedrockCodec codec = new BedrockCodec();

    private ChatRequest decode(String json, String model) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), model);
    }

    @Test
    void cachePointsDecodeInPlaceAfterTheSystemTextBlockOrToolTheyFollow() {
        ChatRequest r = decode(REQUEST, CLAUDE);
        assertThat(r.messages().get(0)).isEqualTo(new Message(Role.SYSTEM, List.of(
                new ContentBlock.Text("The long house policy."), new ContentBlock.CachePoint("1h")), null));
        assertThat(r.messages().get(1)).isEqualTo(Message.system("Today is Monday."));
        assertThat(r.messages().get(2).content()).containsExactly(new ContentBlock.Text("A long document."),
                ContentBlock.CachePoint.DEFAULT, new ContentBlock.Text("What does it say?"));
        assertThat(r.messages().get(4).role()).isEqualTo(Role.TOOL);
        assertThat(r.messages().get(4).content()).containsExactly(new ContentBlock.ToolResult("t1", "42", false),
                ContentBlock.CachePoint.DEFAULT);
        assertThat(r.tools()).singleElement().satisfies(t ->
                assertThat(t.cachePoint()).isEqualTo(ContentBlock.CachePoint.DEFAULT));
    }

    @Test
    void aClaudeUpstreamGetsEveryCachePointWhereTheCallerPutIt() throws IOException {
        JsonNode caller = Json.parse(REQUEST);
        JsonNode upstream = Json.parse(codec.encodeRequest(decode(REQUEST, CLAUDE)));
        assertThat(upstream.get("system")).isEqualTo(caller.get("system"));
        assertThat(upstream.get("messages")).isEqualTo(caller.get("messages"));
        assertThat(upstream.path("toolConfig").get("tools")).isEqualTo(caller.path("toolConfig").get("tools"));
    }

    @Test
    void aModelThatDoesNotCachePromptsGetsNoCachePoint() throws IOException {
        ChatRequest r = decode(REQUEST, CLAUDE).withModel("meta.llama3-3-70b-instruct-v1:0");
        JsonNode upstream = Json.parse(codec.encodeRequest(r));
        assertThat(upstream.toString()).doesNotContain("cachePoint");
        assertThat(upstream.get("system")).hasSize(2);
        assertThat(upstream.path("messages").get(0).path("content")).hasSize(2);
        assertThat(CachePoints.supported("amazon.nova-pro-v1:0")).isTrue();
    }

    @Test
    void aCachePointOfAnotherTypeOrTtlIsAValidationErrorNamingItsPlace() {
        GatewayException type = catchThrowableOfType(GatewayException.class, () -> decode(REQUEST.replace(
                "{\"cachePoint\":{\"type\":\"default\"}},\n", "{\"cachePoint\":{\"type\":\"forever\"}},\n"), CLAUDE));
        assertThat(type.error().status()).isEqualTo(400);
        assertThat(type.error().message()).contains("messages[0].content[1].cachePoint.type");
        GatewayException ttl = catchThrowableOfType(GatewayException.class, () -> decode(REQUEST.replace(
                "\"ttl\":\"1h\"", "\"ttl\":\"1d\""), CLAUDE));
        assertThat(ttl.error().message()).contains("system[1].cachePoint.ttl");
    }
}
