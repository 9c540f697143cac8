package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.chat.ToolChoice;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The inbound and upstream sides of the codec agree: decode(encode(x)) == x for requests, answers and streams. */
class BedrockCodecRoundTripTest {

    static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

    final BedrockCodec codec = new BedrockCodec(Clock.fixed(Instant.ofEpochSecond(1_760_000_000), ZoneOffset.UTC));

    static ChatRequest richRequest() throws IOException {
        Tool weather = new Tool("get_weather", "Current weather for a city",
                Json.parse("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}}}"), null);
        return ChatRequest.builder()
                .model("anthropic.claude-3-5-haiku-20241022-v1:0")
                .messages(List.of(
                        Message.system("You are terse."),
                        Message.system("Answer in English."),
                        new Message(Role.USER, List.of(new ContentBlock.Text("What is in this picture, and the "
                                + "weather in Paris?"), new ContentBlock.Image("image/png", PNG, null)), null),
                        new Message(Role.ASSISTANT, List.of(new ContentBlock.Text("Let me check."),
                                new ContentBlock.ToolUse("tooluse_1", "get_weather", "{\"location\":\"Paris\"}")),
                                null),
                        new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("tooluse_1", "18 C, sunny", false)),
                                null),
                        Message.user("Thanks. And in a word?")))
                .tools(List.of(weather))
                .toolChoice(ToolChoice.tool("get_weather"))
                .maxTokens(300)
                .temperature(0.5)
                .topP(0.9)
                .stop(List.of("END"))
                .build();
    }

    @Test
    void requestsSurviveEncodingAndDecoding() throws IOException {
        ChatRequest x = richRequest();
        ChatRequest back = codec.decodeRequest(codec.encodeRequest(x), x.model());
        assertThat(back).isEqualTo(x);
    }

    @Test
    void aCallersConverseBodySurvivesDecodingAndEncoding() throws IOException {
        String body = """
                {"system":[{"text":"Be brief."}],
                 "messages":[{"role":"user","content":[{"text":"Weather?"}]},
                   {"role":"assistant","content":[{"toolUse":{"toolUseId":"t1","name":"get_weather","input":{"location":"Paris"}}}]},
                   {"role":"user","content":[{"toolResult":{"toolUseId":"t1","content":[{"text":"sunny"}],"status":"error"}},
                                             {"text":"Summarise."}]}],
                 "inferenceConfig":{"maxTokens":50,"temperature":0.2,"topP":1,"stopSequences":["\\n\\n"]},
                 "toolConfig":{"tools":[{"toolSpec":{"name":"get_weather","description":"Weather","inputSchema":{"json":{"type":"object"}}}}],
                               "toolChoice":{"any":{}}}}
                """;
        ChatRequest decoded = codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), "amazon.nova-lite-v1:0");
        JsonNode reencoded = Json.parse(codec.encodeRequest(decoded));
        // numbers compare by value: 1 and 1.0 are the same topP
        assertThat(reencoded.equals((a, b) -> a.isNumber() && b.isNumber()
                ? Double.compare(a.doubleValue(), b.doubleValue()) : a.equals(b) ? 0 : 1, Json.parse(body)))
                .as("%s", reencoded).isTrue();
    }

    @Test
    void toolResultsBecomeToolMessagesAndJsonResultsStayJsonText() {
        String body = """
                {"messages":[{"role":"user","content":[
                  {"toolResult":{"toolUseId":"a","content":[{"json":{"temp":18}}]}},
                  {"toolResult":{"toolUseId":"b","content":[{"text":"x"},{"text":"y"}],"status":"success"}},
                  {"text":"go on"}]}]}
                """;
        ChatRequest r = codec.decodeRequest(body.getBytes(StandardCharsets.UTF_8), "m");
        assertThat(r.messages()).containsExactly(
                new Message(Role.TOOL, List.of(new ContentBlock.ToolResult("a", "{\"temp\":18}", false),
                        new ContentBlock.ToolResult("b", "xy", false)), null),
                Message.user("go on"));
        assertThat(r.stream()).isFalse();
        assertThat(r.model()).isEqualTo("m");
    }

    @Test
    void answersSurviveEncodingAndDecodingWithTheirIdInTheRequestIdHeader() {
        ChatResponse x = new ChatResponse("req-123", "amazon.nova-lite-v1:0", List.of(new ContentBlock.Text("Hi."),
                new ContentBlock.ToolUse("t1", "get_weather", "{\"location\":\"Paris\"}")), StopReason.TOOL_USE, null,
                new Usage(120, 30, 100, 0, 0), 1_760_000_000);
        var reply = codec.encodeResponse(x, "public-name", 250);
        assertThat(reply.status()).isEqualTo(200);
        assertThat(reply.headers()).containsEntry("x-amzn-RequestId", "req-123");
        ChatResponse back = codec.decodeResponse(reply.body(), reply.headers().get("x-amzn-RequestId"), x.model(),
                "br");
        assertThat(back).isEqualTo(x);
    }

    @Test
    void cacheTokensAreCountedApartOnTheWireAndTogetherInCanonicalUsage() throws IOException {
        ChatResponse x = new ChatResponse("r", "m", List.of(new ContentBlock.Text("ok")), StopReason.END_TURN, null,
                new Usage(1000, 10, 600, 300, 0), 0);
        JsonNode usage = Json.parse(codec.encodeResponse(x, "m", 7).body()).path("usage");
        assertThat(usage.path("inputTokens").asLong()).isEqualTo(100);
        assertThat(usage.path("cacheReadInputTokens").asLong()).isEqualTo(600);
        assertThat(usage.path("cacheWriteInputTokens").asLong()).isEqualTo(300);
        assertThat(usage.path("totalTokens").asLong()).isEqualTo(1010);
        assertThat(Json.parse(codec.encodeResponse(x, "m", 7).body()).path("metrics").path("latencyMs").asLong())
                .isEqualTo(7);
        String wire = "{\"output\":{\"message\":{\"role\":\"assistant\",\"content\":[{\"text\":\"ok\"}]}},"
                + "\"stopReason\":\"end_turn\",\"usage\":{\"inputTokens\":5,\"outputTokens\":2,\"totalTokens\":17,"
                + "\"cacheReadInputTokens\":8,\"cacheWriteInputTokens\":2}}";
        Usage decoded = codec.decodeResponse(wire.getBytes(StandardCharsets.UTF_8), "r", "m", "br").usage();
        assertThat(decoded).isEqualTo(new Usage(15, 2, 8, 2, 0));
        assertThat(decoded.totalTokens()).isEqualTo(17);
    }

    @Test
    void streamsSurviveEncodingAndDecoding() throws IOException {
        List<ChatEvent> x = List.of(
                new ChatEvent.MessageStart("req-9", "m"),
                new ChatEvent.TextDelta(0, "Let me "),
                new ChatEvent.TextDelta(0, "check."),
                new ChatEvent.ToolUseStart(1, "t1", "get_weather"),
                new ChatEvent.ToolUseDelta(1, "{\"location\""),
                new ChatEvent.ToolUseDelta(1, ":\"Paris\"}"),
                new ChatEvent.MessageStop(StopReason.TOOL_USE, null),
                new ChatEvent.UsageReport(new Usage(300, 20, 200, 50, 0)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        var encoder = codec.streamEncoder(null, "m");
        for (ChatEvent e : x) {
            encoder.onEvent(e, out);
        }
        encoder.onComplete(out);
        List<ChatEvent> back = new ArrayList<>();
        BedrockStreamDecoder decoder = codec.streamDecoder(back::add, "br", "req-9", "m");
        decoder.decode(ByteBuffer.wrap(out.toByteArray()));
        decoder.end();
        assertThat(back).isEqualTo(x);
    }
}
