package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.api.json.Json;
import dev.sluice.guardrails.judge.Question;
import dev.sluice.guardrails.topics.DeniedTopic;
import java.util.List;
import org.junit.jupiter.api.Test;

class GatewayJudgeTest {

    @Test
    void theAnswerIsReadFromItsFirstWordAndAnythingElseIsNoAnswer() {
        assertThat(GatewayJudge.verdict("YES")).isTrue();
        assertThat(GatewayJudge.verdict(" yes, it asks which shares to buy")).isTrue();
        assertThat(GatewayJudge.verdict("No.")).isFalse();
        assertThat(GatewayJudge.verdict("Maybe")).isNull();
        assertThat(GatewayJudge.verdict("Not sure")).isNull();
        assertThat(GatewayJudge.verdict("")).isNull();
    }

    @Test
    void theJudgeIsToldTheTopicAndGivenTheTextAsTheUsersMessage() throws Exception {
        var body = Json.parse(GatewayJudge.body("judge", Question.of(new DeniedTopic("politics",
                "Opinions on parties.", List.of("Who should I vote for?"))), "Is the senator any good?"));
        assertThat(body.path("model").asText()).isEqualTo("judge");
        assertThat(body.path("temperature").asInt()).isZero();
        assertThat(body.path("messages").get(0).path("content").asText()).contains("denied topic").contains("Name: politics")
                .contains("Definition: Opinions on parties.").contains("- Who should I vote for?")
                .contains("YES or NO");
        assertThat(body.path("messages").get(1).path("content").asText()).isEqualTo("Is the senator any good?");
    }
}
