package dev.sluice.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.apply.Assessment;
import dev.sluice.guardrails.apply.CompiledGuardrail;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.apply.TextBlock;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.guardrails.topics.Embedder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A call's grounding context: the caller's source goes with every output check, its query with the first check of
 * prose only (a stream's later windows need not answer the question), and never with input checks. A fake embedder
 * (three words as dimensions) stands in for MiniLM.
 */
class CallGuardTest {

    private static final Embedder FAKE = text -> {
        String t = text.toLowerCase();
        return new float[] {t.contains("fee") ? 1 : 0, t.contains("euros") ? 1 : 0, t.contains("branch") ? 1 : 0,
            0.05f};
    };

    private static CallGuard guard() throws Exception {
        CompiledGuardrail compiled = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse("""
                {"name": "g", "blockedInputMessaging": "in", "blockedOutputsMessaging": "out",
                 "contextualGroundingPolicyConfig": {"filtersConfig": [{"type": "GROUNDING", "threshold": 0.1},
                   {"type": "RELEVANCE", "threshold": 0.1}]}}
                """)), FAKE);
        return new CallGuard(new GuardrailLibrary.Found("g", "1", "arn", compiled), false, false, List.of(
                new TextBlock("The fee is 4 euros.", List.of("grounding_source")),
                new TextBlock("What is the fee?", List.of("query"))));
    }

    private static List<String> types(Assessment a) {
        return a.grounding().stream().map(Assessment.GroundingMatch::type).toList();
    }

    @Test
    void theQueryGoesWithTheFirstProseCheckAndTheSourceWithEveryOne() throws Exception {
        CallGuard guard = guard();
        assertThat(types(guard.check(Source.OUTPUT, List.of(TextBlock.toolArguments("branch 4"))).assessment()))
                .as("tool arguments alone: nothing to ground").isEmpty();
        assertThat(types(guard.check(Source.OUTPUT, List.of(TextBlock.of("The fee is 4 euros."))).assessment()))
                .containsExactly("GROUNDING", "RELEVANCE");
        assertThat(types(guard.check(Source.OUTPUT, List.of(TextBlock.of("It is 4 euros."))).assessment()))
                .containsExactly("GROUNDING");
        assertThat(types(guard.check(Source.INPUT, List.of(TextBlock.of("The fee is 4 euros."))).assessment()))
                .isEmpty();
    }
}
