package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatEventSink;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Message;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.Calls;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/** Builds simulators, models and requests for the tests; test resources are the simulator's base folder. */
final class Simulators {

    static final Path RESOURCES = Path.of("src/test/resources");

    private Simulators() { }

    static JsonNode json(String text) {
        try {
            return Json.parse(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ProviderSpec spec(String settingsJson) {
        return new ProviderSpec("sim", "simulator", json(settingsJson), "test.yaml: providers[0]");
    }

    static SimulatorProvider provider(String settingsJson) {
        return new SimulatorProvider(spec(settingsJson), new TestProviderContext(Map.of(), RESOURCES));
    }

    static SimulatorProvider provider() {
        return provider("{\"id\":\"sim\",\"type\":\"simulator\"}");
    }

    static Deployment model(String optionsJson) {
        return new Deployment("sim-model", "sim", "sim-upstream", json(optionsJson), null);
    }

    static TestAttempt attempt(String optionsJson) {
        return new TestAttempt(model(optionsJson));
    }

    static ChatRequest ask(String text) {
        return ChatRequest.builder().model("sim-upstream").messages(List.of(Message.user(text))).build();
    }

    /** Streams as the engine does ({@link Calls#stream}) and returns the events, in order. */
    static List<ChatEvent> stream(SimulatorProvider provider, ChatRequest request, TestAttempt attempt) {
        List<ChatEvent> events = new ArrayList<>();
        Calls.stream(provider, request, attempt, events::add);
        return events;
    }

    /**
     * Starts a stream on the attempt's loop, as the engine does, without waiting: the returned stage completes when
     * the provider's does. {@code sink} runs on that loop.
     */
    static CompletableFuture<Void> start(SimulatorProvider provider, ChatRequest request, TestAttempt attempt,
                                         ChatEventSink sink) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ChatRequest streamed = request.toBuilder().stream(true).build();
        attempt.loop().execute(() -> provider.stream(streamed, attempt, sink).whenComplete((v, e) -> {
            if (e == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(e);
            }
        }));
        return done;
    }
}
