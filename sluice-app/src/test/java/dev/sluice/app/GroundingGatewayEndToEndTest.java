package dev.sluice.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.model.ApplyGuardrailResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentQualifier;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContentSource;
import software.amazon.awssdk.services.bedrockruntime.model.ConversationRole;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseResponse;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamRequest;
import software.amazon.awssdk.services.bedrockruntime.model.ConverseStreamResponseHandler;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailContextualGroundingFilter;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseContentQualifier;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailConverseTextBlock;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailStreamConfiguration;
import software.amazon.awssdk.services.bedrockruntime.model.GuardrailTrace;
import software.amazon.awssdk.services.bedrockruntime.model.Message;

/**
 * Contextual grounding in the gateway, through the AWS SDK's Converse and ConverseStream on a real socket: the
 * caller marks the grounding source and the query with {@code guardContent} qualifiers, the simulator answers a
 * fixed text (faithful to the source, or with a changed figure), and the guardrail checks the answer against them
 * with the real MiniLM model.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroundingGatewayEndToEndTest {

    private static final String SOURCE = "The Classic account has a monthly fee of 4 euros. Write to"
            + " fees@example.com with questions. Branches open at nine on weekdays.";
    private static final String QUERY = "How much does the Classic account cost per month?";
    private static final String BLOCKED_OUTPUT = "That answer is not supported by the documents.";

    private RunningSluice sluice;

    @BeforeAll
    void start(@TempDir Path dir) {
        sluice = new RunningSluice("""
                providers:
                  - {id: sim, type: simulator}
                models:
                  - {name: faithful, provider: sim, options: {reply: fixed, text: "The Classic account costs 4 euros a month."}}
                  - {name: wrong, provider: sim, options: {reply: fixed, text: "The Classic account costs 7 euros a month."}}
                guardrails:
                  definitions:
                    - id: rag
                      name: rag
                      blocked_input_messaging: Input blocked.
                      blocked_outputs_messaging: "%s"
                      sensitive_information_policy_config:
                        pii_entities_config:
                          - {type: EMAIL, action: BLOCK, output_action: NONE}
                          - {type: NAME, action: ANONYMIZE}
                          - {type: ADDRESS, action: ANONYMIZE}
                      contextual_grounding_policy_config:
                        filters_config:
                          - {type: GROUNDING, threshold: 0.5}
                          - {type: RELEVANCE, threshold: 0.4, action: NONE}
                """.formatted(BLOCKED_OUTPUT), dir);
    }

    @AfterAll
    void stop() {
        if (sluice != null) {
            sluice.close();
        }
    }

    private static ContentBlock marked(String text, GuardrailConverseContentQualifier qualifier) {
        return ContentBlock.fromGuardContent(GuardrailConverseContentBlock.fromText(
                GuardrailConverseTextBlock.builder().text(text).qualifiers(qualifier).build()));
    }

    private static Message question(String guarded) {
        return Message.builder().role(ConversationRole.USER).content(
                marked(SOURCE, GuardrailConverseContentQualifier.GROUNDING_SOURCE),
                marked(QUERY, GuardrailConverseContentQualifier.QUERY),
                marked(guarded, GuardrailConverseContentQualifier.GUARD_CONTENT)).build();
    }

    private static GuardrailConfiguration rag() {
        return GuardrailConfiguration.builder().guardrailIdentifier("rag").guardrailVersion("1")
                .trace(GuardrailTrace.ENABLED).build();
    }

    private BedrockRuntimeClient bedrock() {
        return BedrockRuntimeClient.builder().endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .tokenProvider(BedrockBearer.of(RunningSluice.KEY)).authSchemeProvider(BedrockBearer.preferBearer())
                .build();
    }

    @Test
    void aFaithfulAnswerPassesWithItsScoresInTheTrace() {
        try (BedrockRuntimeClient client = bedrock()) {
            ConverseResponse r = client.converse(b -> b.modelId("faithful").messages(question("Answer briefly."))
                    .guardrailConfig(rag()));
            assertThat(r.stopReasonAsString()).isEqualTo("end_turn");
            assertThat(r.output().message().content().getFirst().text())
                    .isEqualTo("The Classic account costs 4 euros a month.");
            var filters = r.trace().guardrail().outputAssessments().get("rag").getFirst().contextualGroundingPolicy()
                    .filters();
            assertThat(filters).extracting(GuardrailContextualGroundingFilter::typeAsString)
                    .containsExactly("GROUNDING", "RELEVANCE");
            assertThat(filters).allSatisfy(f -> assertThat(f.detected()).isFalse());
            assertThat(filters.getFirst().score()).isGreaterThanOrEqualTo(0.5);
        }
    }

    @Test
    void anAnswerWithAFigureTheSourceDoesNotHaveIsBlocked() {
        try (BedrockRuntimeClient client = bedrock()) {
            ConverseResponse r = client.converse(b -> b.modelId("wrong").messages(question("Answer briefly."))
                    .guardrailConfig(rag()));
            assertThat(r.stopReasonAsString()).isEqualTo("guardrail_intervened");
            assertThat(r.output().message().content().getFirst().text()).isEqualTo(BLOCKED_OUTPUT);
            GuardrailContextualGroundingFilter grounding = r.trace().guardrail().outputAssessments().get("rag")
                    .getFirst().contextualGroundingPolicy().filters().getFirst();
            assertThat(grounding.detected()).isTrue();
            assertThat(grounding.actionAsString()).isEqualTo("BLOCKED");
            assertThat(grounding.score()).isLessThan(0.5);
        }
    }

    @Test
    void theGroundingSourceIsContextNotCheckedButGuardContentIs() {
        try (BedrockRuntimeClient client = bedrock()) {
            ConverseResponse passes = client.converse(b -> b.modelId("faithful").messages(question("Be brief."))
                    .guardrailConfig(rag()));
            assertThat(passes.stopReasonAsString()).as("the source's e-mail address is context").isEqualTo(
                    "end_turn");
            ConverseResponse blocked = client.converse(b -> b.modelId("faithful")
                    .messages(question("Reply to fees@example.com.")).guardrailConfig(rag()));
            assertThat(blocked.stopReasonAsString()).isEqualTo("guardrail_intervened");
            assertThat(blocked.output().message().content().getFirst().text()).isEqualTo("Input blocked.");
        }
    }

    @Test
    void applyGuardrailScoresGroundingWithQualifiersAndMasksNamesAndAddresses() {
        try (BedrockRuntimeClient client = bedrock()) {
            ApplyGuardrailResponse grounded = client.applyGuardrail(b -> b.guardrailIdentifier("rag")
                    .guardrailVersion("1").source(GuardrailContentSource.OUTPUT).content(
                            applied(SOURCE, GuardrailContentQualifier.GROUNDING_SOURCE),
                            applied(QUERY, GuardrailContentQualifier.QUERY),
                            applied("It costs 7 euros a month.", GuardrailContentQualifier.GUARD_CONTENT)));
            assertThat(grounded.actionAsString()).isEqualTo("GUARDRAIL_INTERVENED");
            var filter = grounded.assessments().getFirst().contextualGroundingPolicy().filters().getFirst();
            assertThat(filter.typeAsString()).isEqualTo("GROUNDING");
            assertThat(filter.detected()).isTrue();
            assertThat(grounded.usage().contextualGroundingPolicyUnits()).isEqualTo(1);

            ApplyGuardrailResponse masked = client.applyGuardrail(b -> b.guardrailIdentifier("rag")
                    .guardrailVersion("1").source(GuardrailContentSource.INPUT).content(GuardrailContentBlock.fromText(
                            t -> t.text("Please ask Sarah Connor to visit 12 Oak Lane, Bristol BS8 1TH."))));
            assertThat(masked.outputs().getFirst().text()).isEqualTo("Please ask {NAME} to visit {ADDRESS}.");
            assertThat(masked.assessments().getFirst().sensitiveInformationPolicy().piiEntities())
                    .extracting(e -> e.typeAsString() + "=" + e.match())
                    .containsExactly("NAME=Sarah Connor", "ADDRESS=12 Oak Lane, Bristol BS8 1TH");
        }
    }

    private static GuardrailContentBlock applied(String text, GuardrailContentQualifier qualifier) {
        return GuardrailContentBlock.fromText(t -> t.text(text).qualifiers(qualifier));
    }

    @Test
    void aStreamedUngroundedAnswerEndsWithTheGuardrailsStopReason() throws Exception {
        try (BedrockRuntimeAsyncClient client = BedrockRuntimeAsyncClient.builder()
                .endpointOverride(URI.create(sluice.baseUrl())).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("a", "b")))
                .tokenProvider(BedrockBearer.of(RunningSluice.KEY)).authSchemeProvider(BedrockBearer.preferBearer())
                .build()) {
            StringBuilder text = new StringBuilder();
            AtomicReference<String> stop = new AtomicReference<>();
            ConverseStreamResponseHandler handler = ConverseStreamResponseHandler.builder()
                    .subscriber(ConverseStreamResponseHandler.Visitor.builder()
                            .onContentBlockDelta(d -> text.append(d.delta().text()))
                            .onMessageStop(m -> stop.set(m.stopReasonAsString())).build())
                    .build();
            client.converseStream(ConverseStreamRequest.builder().modelId("wrong").messages(question("Be brief."))
                    .guardrailConfig(GuardrailStreamConfiguration.builder().guardrailIdentifier("rag")
                            .guardrailVersion("1").build()).build(), handler).get(60, TimeUnit.SECONDS);
            assertThat(stop.get()).isEqualTo("guardrail_intervened");
            assertThat(text.toString()).isEqualTo(BLOCKED_OUTPUT).doesNotContain("7 euros");
        }
    }
}
