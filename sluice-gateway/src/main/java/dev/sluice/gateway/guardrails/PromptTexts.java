package dev.sluice.gateway.guardrails;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.chat.ContentBlock;
import dev.sluice.api.chat.Message;
import dev.sluice.api.chat.Role;
import dev.sluice.gateway.engine.ChatInput;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The texts of a prompt that a guardrail checks on the way in, and the prompt with those texts replaced (masked).
 * Checked: the text of system and user messages and the content of tool results; the model's own earlier turns are
 * not. When the caller marked texts with Bedrock's {@code guardContent}, only those are checked, as Bedrock does
 * (a text is recognised by its content, since the canonical request keeps no mark).
 */
final class PromptTexts implements CheckedPrompt {

    /** Where one checked text is: its message and its block. */
    private record Slot(int message, int block) { }

    private final ChatRequest request;
    private final List<Slot> slots = new ArrayList<>();
    private final List<TextBlock> blocks = new ArrayList<>();

    /**
     * @param guardContent the texts of the request's checked guardContent blocks
     * @param marked whether the request has guardContent blocks at all (then only {@code guardContent} is checked;
     *     blocks that are only a grounding source or a query are context, not checked)
     */
    PromptTexts(ChatRequest request, List<String> guardContent, boolean marked) {
        this.request = request;
        Set<String> guarded = marked ? new HashSet<>(guardContent) : null;
        List<Message> messages = request.messages();
        for (int m = 0; m < messages.size(); m++) {
            Message message = messages.get(m);
            if (message.role() == Role.ASSISTANT) {
                continue;
            }
            List<ContentBlock> content = message.content();
            for (int b = 0; b < content.size(); b++) {
                String text = switch (content.get(b)) {
                    case ContentBlock.Text t -> t.text();
                    case ContentBlock.ToolResult r -> r.content();
                    default -> null;
                };
                if (text != null && !text.isEmpty() && (guarded == null || guarded.contains(text))) {
                    slots.add(new Slot(m, b));
                    blocks.add(TextBlock.of(text));
                }
            }
        }
    }

    @Override
    public List<TextBlock> blocks() { return blocks; }

    @Override
    public ChatInput masked(ChatInput input, List<String> texts) {
        return input.with(replaced(texts));
    }

    /** The request with the checked texts replaced by {@code texts} (one per block, in order). */
    ChatRequest replaced(List<String> texts) {
        List<Message> messages = new ArrayList<>(request.messages());
        for (int i = 0; i < slots.size(); i++) {
            Slot s = slots.get(i);
            Message message = messages.get(s.message());
            List<ContentBlock> content = new ArrayList<>(message.content());
            content.set(s.block(), switch (content.get(s.block())) {
                case ContentBlock.ToolResult r -> new ContentBlock.ToolResult(r.toolUseId(), texts.get(i),
                        r.isError());
                default -> new ContentBlock.Text(texts.get(i));
            });
            messages.set(s.message(), new Message(message.role(), content, message.name()));
        }
        return request.withMessages(messages);
    }
}
