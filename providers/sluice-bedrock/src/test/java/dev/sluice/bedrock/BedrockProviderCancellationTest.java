package dev.sluice.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.error.GatewayException;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.FakeUpstream;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import dev.sluice.testkit.Transcript;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gateway's watchdog can stop a stream that is still arriving. */
class BedrockProviderCancellationTest {

    @Test
    void cancellingTheAttemptEndsAStreamMidway() {
        try (FakeUpstream upstream = new FakeUpstream()) {
            upstream.enqueueTrickled(Transcript.load(StreamTranscriptGenerator.DIR.resolve("stream.http")), 40, 50);
            var settings = Json.object().put("id", "br").put("type", "bedrock").put("region", "us-east-1")
                    .put("base_url", upstream.baseUri().toString()).put("api_key", "k");
            var provider = new BedrockProviderFactory().create(
                    new ProviderSpec("br", "bedrock", settings, "test.yaml"), new TestProviderContext());
            TestAttempt attempt = new TestAttempt(new Deployment("m", "br", "upstream-model", Json.object(), null));
            List<ChatEvent> events = new ArrayList<>();
            assertThatThrownBy(() -> Calls.stream(provider, ProviderContract.question(true), attempt, e -> {
                events.add(e);
                attempt.cancel();
            })).isInstanceOf(GatewayException.class);
            assertThat(events).hasSize(1);
            assertThat(events.getFirst()).isInstanceOf(ChatEvent.MessageStart.class);
        }
    }
}
