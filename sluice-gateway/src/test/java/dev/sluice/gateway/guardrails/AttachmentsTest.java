package dev.sluice.gateway.guardrails;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.event.Caller;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which configured guardrail a call gets: the most specific of key, use case, team and model. */
class AttachmentsTest {

    private static final GuardrailRef KEY = new GuardrailRef("k", "1");
    private static final GuardrailRef USE_CASE = new GuardrailRef("u", "2");
    private static final GuardrailRef TEAM = new GuardrailRef("t", "DRAFT");
    private static final GuardrailRef MODEL = new GuardrailRef("m", "3");
    private final Attachments all = new Attachments(Map.of("key1", KEY), Map.of("claims", USE_CASE),
            Map.of("search", TEAM), Map.of("gpt", MODEL));

    @Test
    void theKeyWinsThenTheUseCaseThenTheTeamThenTheModel() {
        assertThat(all.of(new Caller("key1", "search", "claims", null), "gpt")).isEqualTo(KEY);
        assertThat(all.of(new Caller("key2", "search", "claims", null), "gpt")).isEqualTo(USE_CASE);
        assertThat(all.of(new Caller("key2", "search", "other", null), "gpt")).isEqualTo(TEAM);
        assertThat(all.of(new Caller("key2", "other", null, null), "gpt")).isEqualTo(MODEL);
        assertThat(all.of(Caller.MASTER, "other-model")).isNull();
    }

    @Test
    void routesChangedAtRunTimeReplaceTheModelsAndRoutesTableOnly() {
        Attachments next = all.withModels(Map.of("support-route", MODEL));
        assertThat(next.of(new Caller("key2", "other", null, null), "support-route")).isEqualTo(MODEL);
        assertThat(next.of(new Caller("key2", "other", null, null), "gpt")).as("no longer in the table").isNull();
        assertThat(next.of(new Caller("key1", null, null, null), "gpt")).as("the keys' stay").isEqualTo(KEY);
    }

    @Test
    void theHeaderNamesAnIdAndOptionallyAVersion() {
        assertThat(GuardrailRef.parseHeader("support")).isEqualTo(new GuardrailRef("support", "DRAFT"));
        assertThat(GuardrailRef.parseHeader(" support:12 ")).isEqualTo(new GuardrailRef("support", "12"));
        assertThat(GuardrailRef.parseHeader("support:0")).isNull();
        assertThat(GuardrailRef.parseHeader("Support")).isNull();
        assertThat(GuardrailRef.parseHeader("support:latest")).isNull();
    }
}
