package dev.sluice.simulator;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.sluice.api.chat.Usage;
import dev.sluice.testkit.ProviderContract;
import dev.sluice.testkit.TestAttempt;
import org.junit.jupiter.api.TestInstance;

/**
 * The shared provider contract, played by a scripted simulator. Usage is what the simulator really counts, computed
 * here independently with the same tokenizer and OpenAI's chat accounting (3 tokens per message, 3 to prime the
 * reply, tool name + description + schema text per offered tool).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SimulatorProviderContractTest extends ProviderContract {

    private final SimulatorProvider provider = Simulators.provider();
    private final Encoding o200k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);

    @Override
    protected Prepared prepare(Scenario scenario) {
        String options = switch (scenario) {
            case CHAT, STREAM, TOOLS, TOOLS_STREAM -> "{\"reply\":\"script\",\"script\":\"contract-script.jsonl\"}";
            case RATE_LIMITED -> "{\"error_rate\":1,\"error_status\":429,\"retry_after_s\":7}";
            case SERVER_ERROR -> "{\"error_rate\":1,\"error_status\":500}";
        };
        return new Prepared(provider, new TestAttempt(Simulators.model(options)));
    }

    @Override
    protected Usage expectedUsage(Scenario scenario) {
        if (scenario == Scenario.TOOLS || scenario == Scenario.TOOLS_STREAM) {
            long input = 3 + (3 + tokens("What's the weather in Paris?"))
                    + tokens("get_weather") + tokens("Current weather for a city")
                    + tokens("{\"type\":\"object\",\"properties\":{\"location\":{\"type\":\"string\"}},"
                            + "\"required\":[\"location\"]}");
            long output = tokens("get_weather") + tokens("{\"location\":\"Paris\"}");
            return Usage.of(input, output);
        }
        long input = 3 + (3 + tokens("You are terse.")) + (3 + tokens("What is the capital of France?"));
        return Usage.of(input, tokens(ANSWER));
    }

    private long tokens(String text) {
        return o200k.countTokens(text);
    }
}
