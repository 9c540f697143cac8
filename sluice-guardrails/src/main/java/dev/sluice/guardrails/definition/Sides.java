package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.Action;

/**
 * What one policy entry does on each side of a call: the action on input (the prompt) and on output (the model's
 * answer), and whether it is checked there at all. Bedrock's {@code inputAction}/{@code outputAction} default to the
 * entry's {@code action} (or to BLOCK for words), and {@code inputEnabled}/{@code outputEnabled} to true.
 */
public record Sides(Action input, Action output, boolean inputEnabled, boolean outputEnabled) {

    /** The action on {@code source}'s side, or null when the entry is not checked there. */
    public Action on(dev.sluice.guardrails.apply.Source source) {
        return switch (source) {
            case INPUT -> inputEnabled ? input : null;
            case OUTPUT -> outputEnabled ? output : null;
        };
    }
}
