package dev.sluice.anthropic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.ResponseFormat;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnthropicCodecTest {

    private final AnthropicCodec codec = new AnthropicCodec();

    private ChatRequest decode(String json) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static JsonNode json(byte[] body) throws IOException {
        return Json.parse(body);
    }

    @Test
    void aFullRequestDecodesIntoCanonicalFields() {
        ChatRequest r = decode("""
                {"model":"claude-sonnet-4-5","max_tokens":1024,
                 "system":[{"type":"text","text":"Be terse.","cache_control":{"type":"ephemeral"}}],
                 "messages":[{"role":"user","content":"Hi"}],
                 "tools":[{"name":"get_weather","description":"Weather","input_schema":{"type":"object"}}],
                 "tool_choice":{"type":"any","disable_parallel_tool_use":true},
                 "stop_sequences":["END"],"temperature":0.5,"top_p":0.9,"top_k":5,
                 "metadata":{"user_id":"u-1"},"stream":true}""");
        assertThat(r.model()).isEqualTo("claude-sonnet-4-5");
        assertThat(r.maxTokens()).isEqualTo(1024);
        assertThat(r.messages()).containsExactly(new Message(Role.SYSTEM, List.of(new ContentBlock.Text("Be terse."),
                ContentBlock.CachePoint.DEFAULT), null), Message.user("Hi"));
        assertThat(r.tools()).singleElement().satisfies(t -> {
            assertThat(t.name()).isEqualTo("get_weather");
            assertThat(t.description()).isEqualTo("Weather");
        });
        assertThat(r.toolChoice()).isEqualTo(ToolChoice.ANY);
        assertThat(r.parallelToolCalls()).isFalse();
        assertThat(r.stop()).containsExactly("END");
        assertThat(r.temperature()).isEqualTo(0.5);
        assertThat(r.topP()).isEqualTo(0.9);
        assertThat(r.user()).isEqualTo("u-1");
        assertThat(r.stream()).isTrue();
        assertThat(r.includeUsage()).isTrue();
    }

    @Test
    void aUserTurnWithToolResultsSplitsIntoAToolMessageThenTheRestOfTheTurn() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":10,"messages":[
                 {"role":"user","content":"Weather?"},
                 {"role":"assistant","content":[{"type":"text","text":"Checking."},
                   {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}}]},
                 {"role":"user","content":[
                   {"type":"tool_result","tool_use_id":"toolu_1","content":[{"type":"text","text":"18"},{"type":"text","text":"C"}]},
                   {"type":"tool_result","tool_use_id":"toolu_2","content":"boom","is_error":true},
                   {"type":"text","text":"And tomorrow?"}]}]}""");
        assertThat(r.messages()).extracting(Message::role)
                .containsExactly(Role.USER, Role.ASSISTANT, Role.TOOL, Role.USER);
        assertThat(r.messages().get(1).content()).containsExactly(new ContentBlock.Text("Checking."),
                new ContentBlock.ToolUse("toolu_1", "get_weather", "{\"location\":\"Paris\"}"));
        assertThat(r.messages().get(2).content()).containsExactly(
                new ContentBlock.ToolResult("toolu_1", "18C", false),
                new ContentBlock.ToolResult("toolu_2", "boom", true));
        assertThat(r.messages().get(3).content()).containsExactly(new ContentBlock.Text("And tomorrow?"));
    }

    @Test
    void imagesDecodeFromBase64AndUrlSources() {
        ChatRequest r = decode("""
                {"model":"m","max_tokens":10,"messages":[{"role":"user","content":[
                 {"type":"image","source":{"type":"base64","media_type":"image/png","data":"iVBORw0KGgo="}},
                 {"type":"image","source":{"type":"url","url":"https://example.com/cat.jpg"}},
                 {"type":"text","text":"What are these?"}]}]}""");
        assertThat(r.messages().getFirst().content()).containsExactly(
                new ContentBlock.Image("image/png", "iVBORw0KGgo=", null),
                new ContentBlock.Image(null, null, "https://example.com/cat.jpg"),
                new ContentBlock.Text("What are these?"));
    }

    @Test
    void anAnswerEncodesWithPublicModelToolInputAsObjectAndUncachedInputTokens() throws IOException {
        ChatResponse response = new ChatResponse("msg_1", "claude-sonnet-4-5-20250929", List.of(
                new ContentBlock.Text("Checking."),
                new ContentBlock.ToolUse("toolu_1", "get_weather", "{\"location\":\"Paris\"}")),
                StopReason.TOOL_USE, null, new Usage(100, 20, 60, 30, 0), 0);
        WireReply reply = codec.encodeResponse(response, "claude");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(json(reply.body())).isEqualTo(Json.parse("""
                {"id":"msg_1","type":"message","role":"assistant","model":"claude",
                 "content":[{"type":"text","text":"Checking."},
                  {"type":"tool_use","id":"toolu_1","name":"get_weather","input":{"location":"Paris"}}],
                 "stop_reason":"tool_use","stop_sequence":null,
                 "usage":{"input_tokens":10,"output_tokens":20,"cache_creation_input_tokens":30,
                  "cache_read_input_tokens":60}}"""));
    }

    @Test
    void stopReasonsMapBothWays() throws IOException {
        for (var c : List.of(new Object[] {StopReason.END_TURN, "end_turn"},
                new Object[] {StopReason.MAX_TOKENS, "max_tokens"},
                new Object[] {StopReason.STOP_SEQUENCE, "stop_sequence"},
                new Object[] {StopReason.TOOL_USE, "tool_use"},
                new Object[] {StopReason.REFUSAL, "refusal"},
                new Object[] {StopReason.CONTENT_FILTERED, "refusal"})) {
            ChatResponse r = new ChatResponse("msg_1", "m", List.of(), (StopReason) c[0],
                    c[0] == StopReason.STOP_SEQUENCE ? "END" : null, Usage.EMPTY, 0);
            JsonNode body = json(codec.encodeResponse(r, "m").body());
            assertThat(body.path("stop_reason").asText()).isEqualTo(c[1]);
            if (c[0] == StopReason.STOP_SEQUENCE) {
                assertThat(body.path("stop_sequence").asText()).isEqualTo("END");
            }
        }
    }

    @Test
    void theUpstreamRequestCarriesSystemApartAndToolResultsInAUserTurn() throws IOException {
        ChatRequest r = ChatRequest.builder().model("claude-x").messages(List.of(
                Message.system("Be terse."),
                Message.user("Weather?"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("toolu_1", "get_weather",
                        "{\"location\":\"Paris\"}")), null),
                new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("toolu_1", "18C", false)), null),
                new Message(Role.USER, List.of(new ContentBlock.Image("image/png", "AAAA", null),
                        new ContentBlock.Text("Thanks")), null)))
                .stop(List.of("END")).user("u-1").temperature(0.2).stream(true).build();
        JsonNode body = json(codec.encodeRequest(r));
        assertThat(body).isEqualTo(Json.parse("""
                {"model":"claude-x","max_tokens":4096,"system":"Be terse.","messages":[
                 {"role":"user","content":"Weather?"},
                 {"role":"assistant","content":[{"type":"tool_use","id":"toolu_1","name":"get_weather",
                   "input":{"location":"Paris"}}]},
                 {"role":"user","content":[{"type":"tool_result","tool_use_id":"toolu_1","content":"18C"},
                   {"type":"image","source":{"type":"base64","media_type":"image/png","data":"AAAA"}},
                   {"type":"text","text":"Thanks"}]}],
                 "stop_sequences":["END"],"temperature":0.2,"metadata":{"user_id":"u-1"},"stream":true}"""));
    }

    @Test
    void emptyTextBlocksAreLeftOutOfUpstreamContentArrays() throws IOException {
        ChatRequest r = ChatRequest.builder().model("m").messages(List.of(Message.user("x"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.Text(""),
                        new ContentBlock.ToolUse("t1", "f", "{}")), null))).build();
        JsonNode content = json(codec.encodeRequest(r)).path("messages").path(1).path("content");
        assertThat(content.size()).isEqualTo(1);
        assertThat(content.path(0).path("type").asText()).isEqualTo("tool_use");
    }

    @Test
    void aJsonSchemaResponseFormatIsRejectedAsUnsupportedUpstream() {
        ChatRequest r = ChatRequest.builder().model("m").messages(List.of(Message.user("x")))
                .responseFormat(new ResponseFormat(ResponseFormat.Type.JSON_SCHEMA, "s", Json.object(), true))
                .build();
        assertThatThrownBy(() -> codec.encodeRequest(r)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE));
    }

    @Test
    void toolCallArgumentsThatAreNotAnObjectCannotGoUpstream() {
        ChatRequest r = ChatRequest.builder().model("m").messages(List.of(Message.user("x"),
                new Message(Role.ASSISTANT, List.of(new ContentBlock.ToolUse("t", "f", "[1")), null))).build();
        assertThatThrownBy(() -> codec.encodeRequest(r)).isInstanceOfSatisfying(GatewayException.class,
                e -> assertThat(e.error().type()).isEqualTo(ErrorType.INVALID_REQUEST));
    }

    @Test
    void anUpstreamAnswerSkipsThinkingBlocksAndAddsCacheCountsToInput() {
        ChatResponse r = codec.decodeResponse("""
                {"id":"msg_9","type":"message","role":"assistant","model":"claude-opus",
                 "content":[{"type":"thinking","thinking":"hmm","signature":"sig"},{"type":"text","text":"Hi"}],
                 "stop_reason":"stop_sequence","stop_sequence":"END",
                 "usage":{"input_tokens":5,"cache_creation_input_tokens":7,"cache_read_input_tokens":11,
                  "output_tokens":3}}""".getBytes(StandardCharsets.UTF_8), "claude");
        assertThat(r.content()).containsExactly(new ContentBlock.Text("Hi"));
        assertThat(r.stopReason()).isEqualTo(StopReason.STOP_SEQUENCE);
        assertThat(r.stopSequence()).isEqualTo("END");
        assertThat(r.usage()).isEqualTo(new Usage(23, 3, 11, 7, 0));
    }

    @Test
    void anUpstreamAnswerThatIsNotAMessageIsAnUpstreamError() {
        assertThatThrownBy(() -> codec.decodeResponse("{\"type\":\"error\"}".getBytes(StandardCharsets.UTF_8), "p"))
                .isInstanceOfSatisfying(GatewayException.class, e -> {
                    assertThat(e.error().type()).isEqualTo(ErrorType.UPSTREAM_ERROR);
                    assertThat(e.error().message()).contains("provider 'p'");
                });
        assertThatThrownBy(() -> codec.decodeResponse("not json".getBytes(StandardCharsets.UTF_8), "p"))
                .isInstanceOf(GatewayException.class);
    }
}
