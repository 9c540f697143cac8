package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Role;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Anthropic's {@code cache_control} markers: decoded into canonical cache points, encoded back where they were. */
class AnthropicPromptCachingTest {

    private static final String REQUEST = """
            {"model":"claude-sonnet-4-5","max_tokens":100,
             "system":[{"type":"text","text":"The long house policy.","cache_control":{"type":"ephemeral","ttl":"1h"}},
                       {"type":"text","text":"Today is Monday."}],
             "tools":[{"name":"lookup","input_schema":{"type":"object"}},
                      {"name":"order","input_schema":{"type":"object"},"cache_control":{"type":"ephemeral"}}],
             "messages":[
               {"role":"user","content":[{"type":"text","text":"A long document.","cache_control":{"type":"ephemeral"}},
                                         {"type":"text","text":"What does it say?"}]},
               {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"lookup","input":{}}]},
               {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"42",
                                          "cache_control":{"type":"ephemeral","ttl":"5m"}},
                                         {"type":"text","text":"And then?"}]}]}""";

    private final AnthropicCodec codec = new AnthropicCodec();

    private ChatRequest decode(String json) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void cacheControlBecomesACachePointAfterItsBlockToolOrSystemText() {
        ChatRequest r = decode(REQUEST);
        assertThat(r.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(r.messages().getFirst().content()).containsExactly(
                new ContentBlock.Text("The long house policy."), new ContentBlock.CachePoint("1h"),
                new ContentBlock.Text("Today is Monday."));
        assertThat(r.tools().get(0).cachePoint()).isNull();
        assertThat(r.tools().get(1).cachePoint()).isEqualTo(ContentBlock.CachePoint.DEFAULT);
        assertThat(r.messages().get(1).content()).containsExactly(new ContentBlock.Text("A long document."),
                ContentBlock.CachePoint.DEFAULT, new ContentBlock.Text("What does it say?"));
        assertThat(r.messages().get(3).role()).isEqualTo(Role.TOOL);
        assertThat(r.messages().get(3).content()).containsExactly(
                new ContentBlock.ToolResult("toolu_1", "42", false), new ContentBlock.CachePoint("5m"));
        assertThat(r.messages().get(4).content()).containsExactly(new ContentBlock.Text("And then?"));
    }

    @Test
    void anUpstreamRequestCarriesEachCacheControlWhereTheCallerPutIt() throws IOException {
        JsonNode caller = Json.parse(REQUEST);
        ObjectNode upstream = AnthropicRequestEncoder.encode(decode(REQUEST));
        assertThat(upstream.get("system")).isEqualTo(caller.get("system"));
        assertThat(upstream.get("tools")).isEqualTo(caller.get("tools"));
        assertThat(upstream.get("messages")).isEqualTo(caller.get("messages"));
    }

    @Test
    void aCachePointWithNothingBeforeItInItsTurnIsLeftOut() {
        ChatRequest r = ChatRequest.builder().model("m").messages(java.util.List.of(new dev.sluice.api.chat.Message(
                Role.USER, java.util.List.of(ContentBlock.CachePoint.DEFAULT, new ContentBlock.Text("hi")), null)))
                .build();
        assertThat(AnthropicRequestEncoder.encode(r).get("messages").toString()).doesNotContain("cache_control")
                .contains("\"text\":\"hi\"");
    }

    @Test
    void aCacheControlOfAnotherTypeOrTtlIsTheCallersErrorNamingItsPlace() {
        GatewayException type = catchThrowableOfType(GatewayException.class, () -> decode(REQUEST.replace(
                "\"cache_control\":{\"type\":\"ephemeral\"}},\n", "\"cache_control\":{\"type\":\"forever\"}},\n")));
        assertThat(type.error().status()).isEqualTo(400);
        assertThat(type.error().message()).startsWith("messages[0].content[0].cache_control.type: must be 'ephemeral'");
        GatewayException ttl = catchThrowableOfType(GatewayException.class, () -> decode(REQUEST.replace(
                "\"ttl\":\"1h\"", "\"ttl\":\"2h\"")));
        assertThat(ttl.error().message()).startsWith("system[0].cache_control.ttl: must be '5m' or '1h'");
    }
}
