package dev.sluice.openai;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.chat.Tool;
import dev.sluice.api.json.Json;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Cache points (from an Anthropic or Bedrock caller) going to an OpenAI upstream, which caches prompt prefixes on its
 * own: they are left out, and the request has the shape it would have had without them.
 */
class OpenAiCachePointTest {

    private final OpenAiChatCodec codec = new OpenAiChatCodec();

    @Test
    void aStreamsFinalUsageChunkReportsItsCachedTokensAsCacheReads() {
        java.util.List<dev.sluice.api.chat.ChatEvent> events = new java.util.ArrayList<>();
        OpenAiStreamDecoder decoder = new OpenAiStreamDecoder(events::add, "oai");
        decoder.accept("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"choices\":"
                + "[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"Paris.\"},\"finish_reason\":null}]}");
        decoder.accept("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"choices\":"
                + "[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        decoder.accept("{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"model\":\"gpt-4.1\",\"choices\":[],"
                + "\"usage\":{\"prompt_tokens\":1829,\"completion_tokens\":8,\"total_tokens\":1837,"
                + "\"prompt_tokens_details\":{\"cached_tokens\":1792}}}");
        decoder.accept("[DONE]");
        decoder.finish();
        assertThat(events).contains(new dev.sluice.api.chat.ChatEvent.UsageReport(
                new dev.sluice.api.chat.Usage(1829, 8, 1792, 0, 0)));
    }

    @Test
    void cachePointsAreLeftOutAndTheMessagesKeepTheirPlainShape() throws IOException {
        ChatRequest withPoints = ChatRequest.builder().model("gpt-4.1").messages(List.of(
                new Message(Role.SYSTEM, List.of(new ContentBlock.Text("Policy."), ContentBlock.CachePoint.DEFAULT),
                        null),
                new Message(Role.USER, List.of(new ContentBlock.Text("Doc."), new ContentBlock.CachePoint("1h")),
                        null))).tools(List.of(new Tool("lookup", null, Json.parse("{\"type\":\"object\"}"), null,
                ContentBlock.CachePoint.DEFAULT))).build();
        ChatRequest without = ChatRequest.builder().model("gpt-4.1").messages(List.of(Message.system("Policy."),
                Message.user("Doc."))).tools(List.of(new Tool("lookup", null, Json.parse("{\"type\":\"object\"}"),
                null))).build();
        JsonNode sent = Json.parse(codec.encodeRequest(withPoints, CompatProfile.OPENAI));
        assertThat(sent).isEqualTo(Json.parse(codec.encodeRequest(without, CompatProfile.OPENAI)));
        assertThat(sent.path("messages").get(1).path("content").asText()).isEqualTo("Doc.");
    }
}
