package dev.sluice.gateway.guardrails;

import dev.sluice.gateway.engine.ChatInput;
import dev.sluice.guardrails.apply.TextBlock;
import java.util.List;

/**
 * The texts of a prompt that a guardrail checks on the way in, and the call with them masked: read from the decoded
 * request ({@link PromptTexts}), or from the caller's bytes ({@link WirePromptTexts}), which keeps the provider's fast
 * path. Not thread-safe; one per call.
 */
sealed interface CheckedPrompt permits PromptTexts, WirePromptTexts {

    /** The texts to check, in prompt order. */
    List<TextBlock> blocks();

    /** The call with the checked texts replaced by {@code texts} (one per block, in order). */
    ChatInput masked(ChatInput input, List<String> texts);
}
