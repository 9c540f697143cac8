package dev.sluice.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ChatResponse;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.api.json.Json;
import dev.sluice.api.wire.ChatWireCodec;
import dev.sluice.api.wire.RequestPeek;
import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * What an inbound codec's reading of guarded texts on the wire ({@link ChatWireCodec#promptTexts},
 * {@link ChatWireCodec#answerTexts}) must do, since a guarded call whose texts are read this way goes upstream
 * undecoded: find exactly the texts the decoded request holds for a guardrail (system, user and tool-result texts;
 * not the assistant's), splice masks in without touching another byte, give up rather than guess on a shape it does
 * not read exactly, and read an answer's texts as the canonical answer holds them.
 */
public abstract class WireTextsContract {

    /** The codec under test. */
    protected abstract ChatWireCodec codec();

    /** The model named in the URL path for formats that take it there (Bedrock), else null. */
    protected String pathModel() {
        return null;
    }

    /** Requests the reader must read: texts in every place a guardrail looks, and in places it does not. */
    protected abstract List<String> readableRequests();

    /** Requests it must give up on: repeated members, shapes the decoder refuses or joins, broken JSON. */
    protected abstract List<String> unreadableRequests();

    /** Whole answers of this format, with text and tool calls. */
    protected abstract List<String> answers();

    /** Answers it must give up on: a member repeated in what it reads (the tool input's tree included). */
    protected abstract List<String> unreadableAnswers();

    /** An answer decoded as the translated path decodes it. */
    protected abstract ChatResponse decodeAnswer(byte[] body);

    protected static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void theTextsReadOnTheWireAreTheOnesTheDecodedRequestHolds() {
        for (String body : readableRequests()) {
            WirePrompt wire = codec().promptTexts(utf8(body));
            assertThat(wire).as(body).isNotNull();
            assertThat(wire.texts()).as(body).isNotEmpty();
            assertThat(wire.texts()).extracting(WireText::text).as(body)
                    .containsExactlyInAnyOrderElementsOf(checked(codec().decodeRequest(utf8(body), pathModel())));
        }
    }

    @Test
    void replacingEachTextByItselfGivesBackTheCallersBytes() {
        for (String body : readableRequests()) {
            WirePrompt wire = codec().promptTexts(utf8(body));
            List<String> same = wire.texts().stream().map(WireText::text).toList();
            assertThat(new String(wire.replaced(same), StandardCharsets.UTF_8)).isEqualTo(body);
        }
    }

    @Test
    void aMaskedBodyDecodesToTheRequestWithOnlyItsTextsMasked() {
        for (String body : readableRequests()) {
            WirePrompt wire = codec().promptTexts(utf8(body));
            Map<String, String> back = new HashMap<>();
            List<String> masks = new ArrayList<>();
            for (int i = 0; i < wire.texts().size(); i++) {
                String mask = "{MASK " + i + "} \"quoted\" \\ é\n\u2028";
                masks.add(mask);
                back.put(mask, wire.texts().get(i).text());
            }
            ChatRequest masked = codec().decodeRequest(wire.replaced(masks), pathModel());
            assertThat(checked(masked)).as(body).containsExactlyInAnyOrderElementsOf(masks);
            assertThat(mapTexts(masked, t -> back.getOrDefault(t, t))).as(body)
                    .isEqualTo(codec().decodeRequest(utf8(body), pathModel()));
        }
    }

    @Test
    void theSpliceSaysWhereTheModelMovedInAMaskedBody() {
        for (String body : readableRequests()) {
            WirePrompt wire = codec().promptTexts(utf8(body));
            List<String> masks = new ArrayList<>();
            for (int i = 0; i < wire.texts().size(); i++) { // longer, shorter, and unchanged texts
                String text = wire.texts().get(i).text();
                masks.add(i % 3 == 0 ? "{A LONGER MASK \u00e9 " + text + "}" : i % 3 == 1 ? "x" : text);
            }
            WirePrompt.Spliced spliced = wire.splice(masks);
            RequestPeek before = codec().peek(utf8(body), pathModel());
            RequestPeek after = codec().peek(spliced.body(), pathModel());
            assertThat(spliced.body()).isEqualTo(wire.replaced(masks));
            if (before.modelStart() >= 0) {
                assertThat(after).as(body).isEqualTo(new RequestPeek(before.model(), before.stream(),
                        spliced.moved(before.modelStart()), spliced.moved(before.modelEnd()), before.maxTokens(),
                        before.user()));
            } else {
                assertThat(after).as(body).isEqualTo(before);
            }
        }
    }

    @Test
    void givesUpOnWhatItCannotReadExactlyWithoutThrowing() {
        for (String body : unreadableRequests()) {
            assertThat(codec().promptTexts(utf8(body))).as(body).isNull();
        }
    }

    @Test
    void givesUpOnAnAnswerThatRepeatsAMemberItReads() {
        for (String body : unreadableAnswers()) {
            assertThat(codec().answerTexts(utf8(body))).as(body).isNull();
        }
    }

    @Test
    void theTextsReadFromAnAnswerAreTheOnesTheDecodedAnswerHolds() {
        for (String body : answers()) {
            List<WireText> wire = codec().answerTexts(utf8(body));
            assertThat(wire).as(body).isNotNull();
            assertThat(wire).extracting(WireText::text).as(body)
                    .containsExactlyElementsOf(answerTexts(decodeAnswer(utf8(body))));
        }
    }

    /** The texts a guardrail checks in a decoded request, as the gateway's PromptTexts takes them. */
    private static List<String> checked(ChatRequest request) {
        List<String> out = new ArrayList<>();
        for (Message m : request.messages()) {
            if (m.role() == Role.ASSISTANT) {
                continue;
            }
            for (ContentBlock b : m.content()) {
                String text = switch (b) {
                    case ContentBlock.Text t -> t.text();
                    case ContentBlock.ToolResult r -> r.content();
                    default -> null;
                };
                if (text != null && !text.isEmpty()) {
                    out.add(text);
                }
            }
        }
        return out;
    }

    private static ChatRequest mapTexts(ChatRequest request, Function<String, String> f) {
        List<Message> messages = new ArrayList<>();
        for (Message m : request.messages()) {
            List<ContentBlock> content = new ArrayList<>();
            for (ContentBlock b : m.content()) {
                content.add(switch (b) {
                    case ContentBlock.Text t -> new ContentBlock.Text(f.apply(t.text()));
                    case ContentBlock.ToolResult r -> new ContentBlock.ToolResult(r.toolUseId(), f.apply(r.content()),
                            r.isError());
                    default -> b;
                });
            }
            messages.add(new Message(m.role(), content, m.name()));
        }
        return request.withMessages(messages);
    }

    /** The texts a guardrail checks in a decoded answer, as the gateway's AnswerTexts takes them. */
    private static List<String> answerTexts(ChatResponse response) {
        List<String> out = new ArrayList<>();
        for (ContentBlock b : response.content()) {
            if (b instanceof ContentBlock.Text t && !t.text().isEmpty()) {
                out.add(t.text());
            } else if (b instanceof ContentBlock.ToolUse u && u.argumentsJson() != null
                    && !u.argumentsJson().isBlank()) {
                JsonNode node;
                try {
                    node = Json.parse(u.argumentsJson());
                } catch (IOException | RuntimeException e) {
                    node = null;
                }
                if (node == null || node.isValueNode()) {
                    out.add(u.argumentsJson());
                } else {
                    strings(node, out);
                }
            }
        }
        return out;
    }

    private static void strings(JsonNode node, List<String> out) {
        if (node.isTextual() && !node.textValue().isEmpty()) {
            out.add(node.textValue());
        } else if (node.isContainerNode()) {
            node.forEach(n -> strings(n, out));
        }
    }
}
