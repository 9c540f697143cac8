package dev.sluice.gateway.guardrails;

import dev.sluice.api.wire.WirePrompt;
import dev.sluice.api.wire.WireText;
import dev.sluice.gateway.engine.ChatInput;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.ArrayList;
import java.util.List;

/**
 * A prompt's checked texts as read from the caller's bytes ({@link ChatInput#promptTexts}): the same texts as
 * {@link PromptTexts} finds in the decoded request, found without decoding it, so that a call the guardrail lets
 * through keeps the provider's fast path; a masked call goes upstream as the caller's bytes with the masked texts
 * spliced in place, still on the fast path.
 */
record WirePromptTexts(WirePrompt wire, List<TextBlock> blocks) implements CheckedPrompt {

    static WirePromptTexts of(WirePrompt wire) {
        List<TextBlock> blocks = new ArrayList<>(wire.texts().size());
        for (WireText t : wire.texts()) {
            blocks.add(TextBlock.of(t.text()));
        }
        return new WirePromptTexts(wire, blocks);
    }

    @Override
    public ChatInput masked(ChatInput input, List<String> texts) {
        return input.withBody(wire.splice(texts));
    }
}
