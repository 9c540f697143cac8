package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Message;
import dev.sluice.gateway.routing.RetryPolicy;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code lowest-cost} strategy: the cheapest deployment whose context window the request fits. */
class LowestCostRoutingTest {

    private static final RetryPolicy RETRIES = new RetryPolicy(2, Duration.ofMillis(1), Duration.ofMillis(5),
            Duration.ofSeconds(30));

    /** Three deployments, listed out of price order: the dearer, the larger their window. */
    private static RouteFixture threeTiers() {
        RouteFixture f = new RouteFixture();
        f.route("r", "lowest-cost", RETRIES, List.of(), "premium", "cheap", "mid");
        f.price("cheap", 0.1, 0.4).contextWindow("cheap", 8_000);
        f.price("mid", 1, 4).contextWindow("mid", 32_000);
        f.price("premium", 3, 15).contextWindow("premium", 200_000);
        return f;
    }

    /** A request of about {@code promptTokens} prompt tokens (four characters a token) and 1,000 output tokens. */
    private static ChatRequest sized(long promptTokens) {
        return ChatRequest.builder().model("r").messages(List.of(Message.user("x".repeat((int) promptTokens * 4))))
                .maxTokens(1000).build();
    }

    private static String servedBy(RouteFixture f, ChatRequest request) {
        CallContext call = f.call();
        await(f.chat(call, request));
        return call.responseHeaders().get("x-sluice-deployment");
    }

    @Test
    void eachRequestGoesToTheCheapestDeploymentWhoseContextWindowItFits() {
        try (RouteFixture f = threeTiers()) {
            for (int i = 0; i < 20; i++) {
                assertThat(servedBy(f, sized(500))).isEqualTo("cheap");
            }
            assertThat(servedBy(f, sized(6_900))).as("6,900 + 1,000 still fits 8,000").isEqualTo("cheap");
            assertThat(servedBy(f, sized(7_100))).as("7,100 + 1,000 does not").isEqualTo("mid");
            assertThat(servedBy(f, sized(20_000))).isEqualTo("mid");
            assertThat(servedBy(f, sized(100_000))).isEqualTo("premium");
        }
    }

    @Test
    void aRequestThatFitsNoWindowGoesToTheLargest() {
        try (RouteFixture f = threeTiers()) {
            assertThat(servedBy(f, sized(250_000))).isEqualTo("premium");
        }
    }

    @Test
    void aDeploymentOfUnknownWindowIsTakenToFitAnything() {
        try (RouteFixture f = new RouteFixture()) {
            f.route("r", "lowest-cost", RETRIES, List.of(), "small", "unknown");
            f.price("small", 0.1, 0.4).contextWindow("small", 8_000);
            f.price("unknown", 1, 4);
            assertThat(servedBy(f, sized(500))).isEqualTo("small");
            assertThat(servedBy(f, sized(20_000))).isEqualTo("unknown");
        }
    }
}
