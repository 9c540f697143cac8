package dev.sluice.guardrails.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.bedrock.ApplyGuardrailJson;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Contextual grounding and relevance in a compiled guardrail and in ApplyGuardrail's answer, with the real MiniLM
 * model (the scores are what is under test; corpus accuracy is GroundingAccuracyTest's).
 */
class GroundingPolicyTest {

    private static final String SOURCE = "The Classic account has a monthly fee of 4 euros. The fee is waived when"
            + " at least 1,000 euros are paid in during the month. Branches open at nine on weekdays.";
    private static final String QUERY = "How much does the Classic account cost per month?";
    private static CompiledGuardrail guardrail;

    @BeforeAll
    static void compile() throws IOException {
        guardrail = new CompiledGuardrail(GuardrailJson.fromApi(Json.parse("""
                {"name": "rag", "blockedInputMessaging": "In.", "blockedOutputsMessaging": "Not supported.",
                 "contextualGroundingPolicyConfig": {"filtersConfig": [
                   {"type": "GROUNDING", "threshold": 0.5, "action": "BLOCK"},
                   {"type": "RELEVANCE", "threshold": 0.4, "action": "NONE"}]}}
                """)));
    }

    private static Assessment check(Source source, String answer) {
        return guardrail.check(source, List.of(new TextBlock(SOURCE, List.of("grounding_source")),
                new TextBlock(QUERY, List.of("query")), new TextBlock(answer, List.of("guard_content"))));
    }

    @Test
    void aFaithfulAnswerPassesWithHighScores() {
        Assessment a = check(Source.OUTPUT, "The Classic account costs 4 euros a month.");
        assertThat(a.verdict()).isEqualTo(Verdict.NONE);
        assertThat(a.grounding()).extracting(Assessment.GroundingMatch::type).containsExactly("GROUNDING",
                "RELEVANCE");
        assertThat(a.grounding()).allSatisfy(g -> assertThat(g.score()).isGreaterThan(0.6));
        assertThat(a.usage().groundingUnits()).isEqualTo(1);
        assertThat(a.guardedCharacters()).isEqualTo("The Classic account costs 4 euros a month.".length());
    }

    @Test
    void aChangedFigureIsBlockedAsUngrounded() {
        Assessment a = check(Source.OUTPUT, "The Classic account costs 7 euros a month.");
        assertThat(a.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(a.outputs()).containsExactly("Not supported.");
        Assessment.GroundingMatch g = a.grounding().getFirst();
        assertThat(g.detected()).isTrue();
        assertThat(g.score()).isLessThan(0.5);
    }

    @Test
    void anAnswerBesideTheQueryIsReportedButNotBlockedWhenRelevanceActsWithNone() {
        Assessment a = check(Source.OUTPUT, "Branches open at nine on weekdays.");
        Assessment.GroundingMatch relevance = a.grounding().get(1);
        assertThat(relevance.detected()).isTrue();
        assertThat(a.verdict()).isEqualTo(Verdict.NONE);
    }

    @Test
    void groundingRunsOnTheOutputSideOnlyAndNeedsContext() {
        assertThat(check(Source.INPUT, "The Classic account costs 7 euros a month.").grounding()).isEmpty();
        assertThat(guardrail.check(Source.OUTPUT, List.of(TextBlock.of("It costs 7 euros."))).grounding())
                .isEmpty();
        assertThat(guardrail.usesEmbeddings()).isTrue();
    }

    @Test
    void applyGuardrailReportsEveryFilterWithItsScoreAndTheUnits() throws IOException {
        String body = """
                {"source": "OUTPUT", "content": [
                  {"text": {"text": "%s", "qualifiers": ["grounding_source"]}},
                  {"text": {"text": "%s", "qualifiers": ["query"]}},
                  {"text": {"text": "The Classic account costs 7 euros a month.", "qualifiers": ["guard_content"]}}]}
                """.formatted(SOURCE, QUERY);
        var request = ApplyGuardrailJson.decode(body.getBytes(StandardCharsets.UTF_8));
        Assessment a = guardrail.check(request.source(), request.content());
        JsonNode out = ApplyGuardrailJson.encode(a, request, new ApplyGuardrailJson.Applied("rag", "DRAFT", "arn"),
                3);
        assertThat(out.path("action").asText()).isEqualTo("GUARDRAIL_INTERVENED");
        JsonNode filters = out.path("assessments").get(0).path("contextualGroundingPolicy").path("filters");
        assertThat(filters).hasSize(2);
        assertThat(filters.get(0).path("type").asText()).isEqualTo("GROUNDING");
        assertThat(filters.get(0).path("threshold").asDouble()).isEqualTo(0.5);
        assertThat(filters.get(0).path("score").asDouble()).isLessThan(0.5);
        assertThat(filters.get(0).path("action").asText()).isEqualTo("BLOCKED");
        assertThat(filters.get(0).path("detected").asBoolean()).isTrue();
        assertThat(out.path("usage").path("contextualGroundingPolicyUnits").asInt()).isEqualTo(1);
    }
}
