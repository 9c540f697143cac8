package dev.sluice.gateway.engine;

import static dev.sluice.gateway.engine.GatewayFixture.MODEL;
import static dev.sluice.gateway.engine.GatewayFixture.await;
import static dev.sluice.gateway.engine.GatewayFixture.error;
import static dev.sluice.gateway.engine.GatewayFixture.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.embed.EmbeddingRequest;
import dev.sluice.api.error.ErrorType;
import dev.sluice.api.error.GatewayError;
import dev.sluice.spi.LocalProvider;
import dev.sluice.spi.Provider;
import dev.sluice.spi.Timeouts;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The end of the chain reaches each kind of provider its own way: an HTTP provider's transform through the driver, a
 * local provider directly; both get the upstream model id and live under the same timers.
 */
class ProviderInvokerTest {

    private final GatewayFixture fixture = new GatewayFixture();
    private final ScriptedDriver.Transform http = new ScriptedDriver.Transform();

    @AfterEach
    void close() {
        fixture.close();
    }

    private static EmbeddingRequest embedding(String... input) {
        return new EmbeddingRequest(MODEL, List.of(input), null, null, "u1");
    }

    @Test
    void anHttpProviderIsDrivenWithTheUpstreamModelAsAWholeAnswer() {
        fixture.servedBy(http);
        assertThat(await(fixture.chat(request(MODEL))).text()).isEqualTo("hi upstream-id");
        assertThat(fixture.driver.lastProvider).isSameAs(http);
        assertThat(fixture.provider.lastRequest.model()).isEqualTo("upstream-id");
        assertThat(fixture.provider.lastRequest.stream()).isFalse();
        assertThat(fixture.provider.lastRequest.includeUsage()).as("usage comes with a whole answer anyway").isFalse();
        assertThat(fixture.recorder.calls.getFirst().outcome().usage().inputTokens()).isEqualTo(3);
    }

    @Test
    void anHttpProviderStreamsThroughTheDriverAndReportsItsFirstToken() {
        fixture.servedBy(http);
        await(fixture.stream(fixture.call(null), request(MODEL), e -> { }));
        assertThat(fixture.driver.lastProvider).isSameAs(http);
        assertThat(fixture.provider.lastRequest.stream()).isTrue();
        assertThat(fixture.provider.lastRequest.includeUsage()).isTrue();
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "first-token", "attempt-end 1 ok", "end 200");
    }

    @Test
    void aSilentHttpUpstreamIsAbortedAtTheFirstTokenTimeout() {
        fixture.servedBy(http).timeouts(new Timeouts(Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofSeconds(20)));
        fixture.provider.mode = ScriptedProvider.Mode.HANG;
        GatewayError e = error(fixture.stream(fixture.call(null), request(MODEL), event -> { }));
        assertThat(e.type()).isEqualTo(ErrorType.TIMEOUT);
        assertThat(e.message()).contains("provider 'p1'").contains("first-token timeout");
        assertThat(fixture.provider.cancelled).as("the exchange was aborted on the call's loop")
                .isCompletedWithValue(fixture.loopThread);
        assertThat(fixture.loop.armedTimers()).isZero();
    }

    @Test
    void embeddingsReachEitherKindWithTheUpstreamModelAndRecordTheirUsage() {
        fixture.servedBy(http);
        var vectors = await(fixture.embed(fixture.call(null), embedding("one", "three")));
        assertThat(vectors.vectors()).hasSize(2);
        assertThat(fixture.driver.lastProvider).isSameAs(http);
        assertThat(fixture.provider.lastEmbedding.model()).isEqualTo("upstream-id");
        assertThat(fixture.recorder.calls.getFirst().outcome().usage().inputTokens()).isEqualTo(2);
        assertThat(fixture.recorder.calls.getFirst().request().user()).isEqualTo("u1");

        GatewayFixture local = new GatewayFixture();
        try {
            await(local.embed(local.call(null), embedding("one")));
            assertThat(local.provider.lastEmbedding.model()).isEqualTo("upstream-id");
            assertThat(local.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                    "attempt-end 1 ok", "end 200");
        } finally {
            local.close();
        }
    }

    @Test
    void anEmbeddingRequestOverTheLimitsIsRefusedBeforeAnyCallStarts() {
        fixture.servedBy(http);
        var tooMany = new EmbeddingRequest(MODEL, java.util.Collections.nCopies(1000, "x"), 8192, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.gateway().embed(fixture.call(null), tooMany))
                .isInstanceOfSatisfying(dev.sluice.api.error.GatewayException.class, e -> {
                    assertThat(e.error().status()).isEqualTo(400);
                    assertThat(e.error().param()).isEqualTo("input");
                });
        var wide = new EmbeddingRequest(MODEL, List.of("x"), 9000, null, null);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> fixture.gateway().embed(fixture.call(null), wide))
                .hasMessageContaining("dimensions");
        assertThat(fixture.provider.lastEmbedding).as("no upstream was asked").isNull();
        assertThat(fixture.recorder.log).isEmpty();
    }

    @Test
    void anEmbeddingAnswerWithMoreNumbersThanTheLimitIsAnUpstreamError() {
        fixture.servedBy(new LocalProvider() {
            @Override
            public java.util.concurrent.CompletionStage<Void> stream(dev.sluice.api.chat.ChatRequest request,
                    dev.sluice.spi.Attempt attempt, dev.sluice.api.chat.ChatEventSink sink) {
                throw new AssertionError("not a chat");
            }

            @Override
            public java.util.concurrent.CompletionStage<dev.sluice.api.embed.EmbeddingResponse> embed(
                    EmbeddingRequest request, dev.sluice.spi.Attempt attempt) {
                return java.util.concurrent.CompletableFuture.completedFuture(
                        new dev.sluice.api.embed.EmbeddingResponse(request.model(),
                                List.of(new float[(int) EmbeddingRequest.MAX_VALUES + 1]), null));
            }
        });
        GatewayError e = error(fixture.embed(fixture.call(null), embedding("one")));
        assertThat(e.status()).isEqualTo(502);
        assertThat(e.message()).contains("more than " + EmbeddingRequest.MAX_VALUES + " numbers");
        assertThat(fixture.recorder.log).last().isEqualTo("end 502");
    }

    @Test
    void aLocalProviderWithoutEmbeddingsSaysSoAsTheCallersError() {
        fixture.servedBy((LocalProvider) (request, attempt, sink) -> {
            throw new AssertionError("not a chat");
        });
        GatewayError e = error(fixture.embed(fixture.call(null), embedding("one")));
        assertThat(e.type()).isEqualTo(ErrorType.UNSUPPORTED_FEATURE);
        assertThat(e.message()).contains("'public-name'");
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 UNSUPPORTED_FEATURE", "end 400");
    }

    @Test
    void aProviderThatThrowsAnErrorEndsItsAttemptAndTheCallOnce() {
        fixture.servedBy((LocalProvider) (request, attempt, sink) -> {
            throw new NoClassDefFoundError("com/example/SimulatorScript");
        });
        GatewayError whole = error(fixture.chat(request(MODEL)));
        GatewayError streamed = error(fixture.stream(fixture.call(null), request(MODEL), e -> { }));
        assertThat(List.of(whole, streamed)).allSatisfy(e -> {
            assertThat(e.status()).isEqualTo(500);
            assertThat(e.message()).isEqualTo("internal error in provider 'p1'");
        });
        assertThat(fixture.recorder.log).containsExactly("start public-name", "attempt 1 public-name",
                "attempt-end 1 INTERNAL", "end 500", "start public-name", "attempt 1 public-name",
                "attempt-end 1 INTERNAL", "end 500");
        assertThat(fixture.loop.armedTimers()).isZero();
        assertThat(fixture.gateway().inFlight()).isZero();
    }

    @Test
    void aProviderOfNeitherKindIsAnInternalErrorNamingIt() {
        fixture.servedBy(new Provider() { });
        GatewayError e = error(fixture.chat(request(MODEL)));
        assertThat(e.status()).isEqualTo(500);
        assertThat(e.message()).contains("'p1'");
        assertThat(fixture.recorder.calls).hasSize(1);
        assertThat(fixture.loop.armedTimers()).isZero();
    }
}
