package dev.sluice.guardrails.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.Verdict;
import dev.sluice.guardrails.bedrock.ApplyGuardrailJson;
import dev.sluice.guardrails.bedrock.GuardrailJson;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.guardrails.words.WordFinding.WordList;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompiledGuardrailTest {

    private static final String DEFINITION = """
                {"name": "g", "blockedInputMessaging": "Input blocked.", "blockedOutputsMessaging": "Output blocked.",
                 "sensitiveInformationPolicyConfig": {
                   "piiEntitiesConfig": [{"type": "EMAIL", "action": "ANONYMIZE"},
                                         {"type": "CREDIT_DEBIT_CARD_NUMBER", "action": "BLOCK",
                                          "outputAction": "NONE"},
                                         {"type": "IP_ADDRESS", "action": "BLOCK", "inputEnabled": false}],
                   "regexesConfig": [{"name": "EMPLOYEE_ID", "pattern": "EMP-[0-9]{6}", "action": "ANONYMIZE"}]},
                 "wordPolicyConfig": {"wordsConfig": [{"text": "project falcon"},
                                                      {"text": "heads up", "inputAction": "NONE"}]}}
            """;

    private static CompiledGuardrail guardrail() throws IOException {
        return new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(DEFINITION)));
    }

    private static CompiledGuardrail remembering(RememberedChecks memory) throws IOException {
        return new CompiledGuardrail(GuardrailJson.fromApi(Json.parse(DEFINITION)),
                text -> new float[] {1}, dev.sluice.guardrails.judge.Judge.NONE, memory); // no topics: never embeds
    }

    /** A text of {@code chars} characters or a few more, with an e-mail address, an employee id and a listed phrase. */
    private static String longText(int chars) {
        StringBuilder text = new StringBuilder("Mail ann@example.com about project falcon, re EMP-004211, "
                + "card 4111 1111 1111 1111."); // the card: BLOCK on input, NONE on output
        for (int i = 0; text.length() < chars; i++) {
            text.append(" Line ").append(i).append(" of the system prompt, and ann@example.com again.");
        }
        return text.toString();
    }

    @Test
    void aRememberedTextIsAssessedExactlyAsANewOne() throws IOException {
        RememberedChecks memory = new RememberedChecks(RememberedChecks.DEFAULT_MAX_TOTAL_CHARS);
        CompiledGuardrail remembering = remembering(memory);
        List<TextBlock> blocks = List.of(TextBlock.of(longText(2_000)), TextBlock.of("and bob@example.com"),
                TextBlock.of(longText(600)));
        Assessment fresh = guardrail().check(Source.INPUT, blocks);
        Assessment first = remembering.check(Source.INPUT, blocks);
        Assessment again = remembering.check(Source.INPUT, blocks);
        assertThat(fresh.verdict()).isEqualTo(Verdict.BLOCKED); // "project falcon" blocks
        assertThat(fresh.piiEntities()).hasSizeGreaterThan(20);
        assertThat(first).isEqualTo(fresh);
        assertThat(again).isEqualTo(fresh);
        assertThat(memory.size()).isEqualTo(2); // the two long texts
        Assessment output = remembering.check(Source.OUTPUT, List.of(TextBlock.of(longText(2_000))));
        assertThat(output).isEqualTo(guardrail().check(Source.OUTPUT, List.of(TextBlock.of(longText(2_000)))));
        assertThat(output.piiEntities()).filteredOn(m -> m.type() == PiiType.CREDIT_DEBIT_CARD_NUMBER)
                .extracting(Assessment.PiiMatch::action).containsOnly(Action.NONE);
    }

    @Test
    void whatWasFoundInATextCountsAgainstTheMemoryAsWellAsTheText() throws IOException {
        RememberedChecks memory = new RememberedChecks(RememberedChecks.DEFAULT_MAX_TOTAL_CHARS);
        String plain = "Nothing to find here. ".repeat(20);
        remembering(memory).check(Source.INPUT, List.of(TextBlock.of(plain)));
        assertThat(memory.chars()).isEqualTo(plain.length());
        String dense = longText(2_000); // an address on every line: masked, and dozens of findings
        remembering(memory).check(Source.INPUT, List.of(TextBlock.of(dense)));
        assertThat(memory.chars() - plain.length()).isGreaterThan(2L * dense.length());
    }

    @Test
    void onlyLongTextsAreRememberedPerGuardrailAndSideWithinTheMemorysCharacters() throws IOException {
        RememberedChecks memory = new RememberedChecks(RememberedChecks.MAX_CHARS * 2L);
        CompiledGuardrail one = remembering(memory);
        CompiledGuardrail other = remembering(memory);
        String text = longText(RememberedChecks.MIN_CHARS);
        one.check(Source.INPUT, List.of(TextBlock.of(text), TextBlock.of("a short text, checked in microseconds"),
                TextBlock.of(longText(RememberedChecks.MAX_CHARS + 100))));
        assertThat(memory.size()).isEqualTo(1);
        one.check(Source.OUTPUT, List.of(TextBlock.of(text)));
        other.check(Source.INPUT, List.of(TextBlock.of(text)));
        one.check(Source.INPUT, List.of(TextBlock.of(text)));
        assertThat(memory.size()).isEqualTo(3); // one's input and output sides, and other's input side
        for (int i = 0; i < 200; i++) {
            one.check(Source.INPUT, List.of(TextBlock.of(i + longText(1_000))));
        }
        assertThat(memory.chars()).isLessThanOrEqualTo(RememberedChecks.MAX_CHARS * 2L); // findings counted too
        assertThat(memory.size()).isBetween(2, 31); // each text is over a thousand characters
    }

    @Test
    void anonymizedFindingsAreMaskedInEveryGuardedBlockAndGroundingBlocksPassUnchecked() throws IOException {
        Assessment a = guardrail().check(Source.INPUT, List.of(TextBlock.of("Mail ann@example.com re EMP-004211"),
                new TextBlock("bob@example.com is the source", List.of("grounding_source")),
                new TextBlock("heads up, cc carl@example.org", List.of("guard_content"))));
        assertThat(a.verdict()).isEqualTo(Verdict.ANONYMIZED);
        assertThat(a.outputs()).containsExactly("Mail {EMAIL} re {EMPLOYEE_ID}", "bob@example.com is the source",
                "heads up, cc {EMAIL}");
        assertThat(a.piiEntities()).extracting(Assessment.PiiMatch::match)
                .containsExactly("ann@example.com", "carl@example.org");
        assertThat(a.regexes()).singleElement().satisfies(r -> {
            assertThat(r.regex()).isEqualTo("EMP-[0-9]{6}");
            assertThat(r.action()).isEqualTo(Action.ANONYMIZE);
        });
        assertThat(a.words()).singleElement().satisfies(w -> {
            assertThat(w.match()).isEqualTo("heads up");
            assertThat(w.action()).isEqualTo(Action.NONE);
        });
        assertThat(a.guardedCharacters()).isEqualTo(34 + 29);
        assertThat(a.totalCharacters()).isEqualTo(34 + 29 + 29);
        assertThat(a.undetected()).containsExactly(PiiType.CREDIT_DEBIT_CARD_NUMBER);
    }

    @Test
    void aBlockedInputIsReplacedByTheBlockedInputMessage() throws IOException {
        Assessment a = guardrail().check(Source.INPUT, List.of(TextBlock.of("Card 4111 1111 1111 1111 please")));
        assertThat(a.verdict()).isEqualTo(Verdict.BLOCKED);
        assertThat(a.outputs()).containsExactly("Input blocked.");
        assertThat(a.piiEntities()).singleElement().extracting(Assessment.PiiMatch::action).isEqualTo(Action.BLOCK);
    }

    @Test
    void eachSideTakesItsOwnActionsAndEnabledEntries() throws IOException {
        CompiledGuardrail g = guardrail();
        Assessment out = g.check(Source.OUTPUT, List.of(TextBlock.of("Card 4111 1111 1111 1111 from 10.1.2.3")));
        assertThat(out.piiEntities()).extracting(Assessment.PiiMatch::type, Assessment.PiiMatch::action)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(PiiType.CREDIT_DEBIT_CARD_NUMBER, Action.NONE),
                        org.assertj.core.groups.Tuple.tuple(PiiType.IP_ADDRESS, Action.BLOCK));
        assertThat(out.outputs()).containsExactly("Output blocked.");
        Assessment in = g.check(Source.INPUT, List.of(TextBlock.of("from 10.1.2.3")));
        assertThat(in.verdict()).as("IP addresses are not checked on input").isEqualTo(Verdict.NONE);
        assertThat(in.outputs()).isEmpty();
        Assessment words = g.check(Source.OUTPUT, List.of(TextBlock.of("PROJECT Falcon ships")));
        assertThat(words.words()).singleElement().satisfies(w -> assertThat(w.list()).isEqualTo(WordList.CUSTOM));
        assertThat(words.verdict()).isEqualTo(Verdict.BLOCKED);
    }

    @Test
    void anyTextEncodesAsJsonLoneSurrogatesIncluded() throws IOException {
        String odd = "mail \uD800 ann@example.com \u0000 \uDFFF 🙂";
        Assessment a = guardrail().check(Source.INPUT, List.of(TextBlock.of(odd)));
        var request = new ApplyGuardrailJson.Request(Source.INPUT, List.of(TextBlock.of(odd)), true);
        byte[] bytes = Json.bytes(ApplyGuardrailJson.encode(a, request,
                new ApplyGuardrailJson.Applied("abc", "1", "arn"), 1));
        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("{EMAIL}");
        assertThat(Json.parse(bytes).path("action").asText()).isEqualTo("GUARDRAIL_INTERVENED");
    }
}
