package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.WireReply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenAiChatCodecTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    private ChatRequest decode(String json) {
        return codec.decodeRequest(json.getBytes(StandardCharsets.UTF_8), null);
    }

    private static JsonNode json(WireReply reply) throws IOException {
        return Json.parse(reply.body());
    }

    @Test
    void thePeekReadsTheCallersUserWhenItIsAStringAndRefusesItTwice() {
        assertThat(codec.peek(utf8Bytes("{\"model\":\"m\",\"user\":\"u-1\",\"messages\":[]}"), null).user())
                .isEqualTo("u-1");
        assertThat(codec.peek(utf8Bytes("{\"model\":\"m\",\"user\":7,\"messages\":[]}"), null).user())
                .as("left to the upstream").isNull();
        assertThat(codec.peek(utf8Bytes("{\"model\":\"m\",\"messages\":[]}"), null).user()).isNull();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> codec.peek(
                utf8Bytes("{\"model\":\"m\",\"user\":\"a\",\"user\":\"b\",\"messages\":[]}"), null))
                .hasMessageContaining("'user' appears more than once");
    }

    private static byte[] utf8Bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void apiNameIsOpenai() {
        assertThat(codec.api()).isEqualTo("openai");
    }

    @Test
    void developerMessagesAreSystemMessagesAndPartsBecomeBlocks() {
        ChatRequest r = decode("""
                {"model":"m","messages":[
                  {"role":"developer","content":[{"type":"text","text":"Rule 1."},{"type":"text","text":"Rule 2."}]},
                  {"role":"user","content":[{"type":"text","text":"Look"},
                    {"type":"image_url","image_url":{"url":"data:image/jpeg;base64,/9j/4AAQ","detail":"low"}}]}],
                 "some_future_field":{"x":1}}""");
        assertThat(r.messages().getFirst().role()).isEqualTo(Role.SYSTEM);
        assertThat(r.systemText()).isEqualTo("Rule 1.Rule 2.");
        assertThat(r.messages().get(1).content()).containsExactly(new ContentBlock.Text("Look"),
                new ContentBlock.Image("image/jpeg", "/9j/4AAQ", null));
    }

    @Test
    void maxCompletionTokensWinsOverMaxTokensAndUsageNeedsStream() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":10,
                 "max_completion_tokens":20,"stream_options":{"include_usage":true}}""");
        assertThat(r.maxTokens()).isEqualTo(20);
        assertThat(r.includeUsage()).isFalse();
        ChatRequest s = decode("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":10,"stream":true,
                 "stream_options":{"include_usage":true},"stop":"END","tool_choice":"required"}""");
        assertThat(s.maxTokens()).isEqualTo(10);
        assertThat(s.stream()).isTrue();
        assertThat(s.includeUsage()).isTrue();
        assertThat(s.stop()).containsExactly("END");
        assertThat(s.toolChoice()).isEqualTo(ToolChoice.ANY);
    }

    @Test
    void anAssistantMessageWithEmptyContentAndToolCallsKeepsOnlyTheCalls() {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"hi"},
                  {"role":"assistant","content":"","tool_calls":[{"id":"c1","type":"function",
                    "function":{"name":"f","arguments":"{\\"a\\":1}"}}]},
                  {"role":"tool","tool_call_id":"c1","content":[{"type":"text","text":"done"}]}]}""");
        assertThat(r.messages().get(1).content())
                .containsExactly(new ContentBlock.ToolUse("c1", "f", "{\"a\":1}"));
        assertThat(r.messages().get(2).content())
                .containsExactly(new ContentBlock.ToolResult("c1", "done", false));
    }

    @Test
    void aResponseIsAChatCompletionUnderThePublicModelName() throws IOException {
        ChatResponse response = new ChatResponse("chatcmpl-9", "gpt-4o-mini-2024-07-18",
                List.of(new ContentBlock.ToolUse("call_1", "get_weather", "{\"location\":\"Paris\"}")),
                StopReason.TOOL_USE, null, new Usage(64, 18, 32, 0, 4), 1760433151L);
        WireReply reply = codec.encodeResponse(response, "my-model");
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.contentType()).isEqualTo("application/json");
        assertThat(json(reply)).isEqualTo(Json.parse("""
                {"id":"chatcmpl-9","object":"chat.completion","created":1760433151,"model":"my-model",
                 "choices":[{"index":0,"message":{"role":"assistant","content":null,"refusal":null,
                   "tool_calls":[{"id":"call_1","type":"function",
                     "function":{"name":"get_weather","arguments":"{\\"location\\":\\"Paris\\"}"}}]},
                   "logprobs":null,"finish_reason":"tool_calls"}],
                 "usage":{"prompt_tokens":64,"completion_tokens":18,"total_tokens":82,
                   "prompt_tokens_details":{"cached_tokens":32},
                   "completion_tokens_details":{"reasoning_tokens":4}}}"""));
    }

    @Test
    void finishReasonsMapBothWays() {
        assertThat(FinishReasons.toWire(StopReason.END_TURN)).isEqualTo("stop");
        assertThat(FinishReasons.toWire(StopReason.STOP_SEQUENCE)).isEqualTo("stop");
        assertThat(FinishReasons.toWire(StopReason.MAX_TOKENS)).isEqualTo("length");
        assertThat(FinishReasons.toWire(StopReason.TOOL_USE)).isEqualTo("tool_calls");
        assertThat(FinishReasons.toWire(StopReason.CONTENT_FILTERED)).isEqualTo("content_filter");
        assertThat(FinishReasons.toWire(StopReason.REFUSAL)).isEqualTo("content_filter");
        assertThat(FinishReasons.fromWire("length", false)).isEqualTo(StopReason.MAX_TOKENS);
        assertThat(FinishReasons.fromWire("stop", true)).isEqualTo(StopReason.REFUSAL);
        assertThat(FinishReasons.fromWire("eos", false)).isEqualTo(StopReason.END_TURN);
    }

    @Test
    void anUpstreamRefusalBecomesRefusalText() {
        ChatResponse r = codec.decodeResponse("""
                {"id":"c","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,
                 "message":{"role":"assistant","content":null,"refusal":"I can't help with that."},
                 "finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":5,"total_tokens":8}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.text()).isEqualTo("I can't help with that.");
        assertThat(r.stopReason()).isEqualTo(StopReason.REFUSAL);
    }

    @Test
    void cachedAndReasoningTokensAreRead() {
        ChatResponse r = codec.decodeResponse("""
                {"id":"c","choices":[{"index":0,"message":{"role":"assistant","content":"ok"},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":2000,"completion_tokens":300,"total_tokens":2300,
                 "prompt_tokens_details":{"cached_tokens":1920},"completion_tokens_details":{"reasoning_tokens":256}}}"""
                .getBytes(StandardCharsets.UTF_8));
        assertThat(r.usage()).isEqualTo(new Usage(2000, 300, 1920, 0, 256));
    }

    @Test
    void anUpstreamRequestForOpenAiUsesMaxCompletionTokensAndAsksForStreamUsage() throws IOException {
        ChatRequest r = decode("""
                {"model":"m","messages":[{"role":"user","content":"hi"}],"max_tokens":5,"stream":true}""");
        JsonNode sent = Json.parse(codec.encodeRequest(r, CompatProfile.OPENAI));
        assertThat(sent.path("max_completion_tokens").asInt()).isEqualTo(5);
        assertThat(sent.has("max_tokens")).isFalse();
        assertThat(sent.path("stream_options").path("include_usage").asBoolean()).isTrue();
        JsonNode vllm = Json.parse(codec.encodeRequest(r, CompatProfile.VLLM));
        assertThat(vllm.path("max_tokens").asInt()).isEqualTo(5);
    }
}
