package dev.sluice.app;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.api.json.Json;
import dev.sluice.gateway.engine.ProviderRegistry;
import dev.sluice.spi.DetectedProvider;
import dev.sluice.spi.ProviderContext;
import dev.sluice.spi.ProviderFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The config used when {@code serve} gets no {@code --config}: simulator models for demos and tests, plus every
 * provider whose credentials are found in the environment, with a few of its well-known models.
 */
final class EmbeddedDefaults {

    private EmbeddedDefaults() { }

    /** The default tree, and which providers were detected (for the start-up message). */
    record Result(ObjectNode tree, List<String> detected) { }

    static Result build(ProviderContext context) {
        ObjectNode root = Json.object();
        ArrayNode providers = root.putArray("providers");
        ArrayNode models = root.putArray("models");
        providers.addObject().put("id", "simulator").put("type", "simulator");
        model(models, "sim-echo", "simulator", "echo").putObject("options").put("reply", "echo");
        ObjectNode chat = model(models, "sim-chat", "simulator", "sim-chat").putObject("options");
        chat.put("reply", "lorem").put("ttft_ms", 150).put("tokens_per_second", 80).put("output_tokens", 120);
        ObjectNode fast = model(models, "sim-fast", "simulator", "sim-fast").putObject("options");
        fast.put("reply", "lorem").put("output_tokens", 64);
        List<String> detected = new ArrayList<>();
        for (ProviderFactory f : ProviderRegistry.factories().values()) {
            f.detect(context).ifPresent(d -> add(providers, models, d, detected));
        }
        return new Result(root, detected);
    }

    private static void add(ArrayNode providers, ArrayNode models, DetectedProvider d, List<String> detected) {
        providers.add(d.spec().settings());
        for (String m : d.upstreamModels()) {
            model(models, m, d.spec().id(), m);
        }
        detected.add(d.spec().id() + " (" + String.join(", ", d.upstreamModels()) + ")");
    }

    private static ObjectNode model(ArrayNode models, String name, String provider, String upstream) {
        ObjectNode m = models.addObject();
        m.put("name", name).put("provider", provider).put("upstream_model", upstream);
        return m;
    }
}
