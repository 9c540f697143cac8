package dev.sluice.simulator;

import dev.sluice.api.chat.StopReason;
import dev.sluice.api.chat.Usage;
import java.util.List;

/**
 * A planned answer, ready to be played out: text chunks of one token each, or a tool call whose arguments JSON is in
 * token chunks. Immutable.
 *
 * @param toolName the called tool, or null for a text answer
 * @param chunks the text (or the tool arguments JSON text) in token chunks, in order
 * @param stopSequence the caller's stop sequence that ended the answer, or null
 */
record Answer(String toolName, List<String> chunks, StopReason stopReason, String stopSequence, Usage usage) {

    boolean isToolCall() { return toolName != null; }
}
