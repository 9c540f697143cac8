package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatEvent;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.Message;
import dev.sluice.api.json.Json;
import dev.sluice.spi.Deployment;
import dev.sluice.spi.ProviderSpec;
import dev.sluice.testkit.TestAttempt;
import dev.sluice.testkit.TestProviderContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    static List<ChatEvent> stream(SimulatorProvider provider, ChatRequest request, TestAttempt attempt) {
        List<ChatEvent> events = new ArrayList<>();
        provider.stream(request, attempt, events::add);
        return events;
    }
}
