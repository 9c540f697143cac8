package dev.sluice.guardrails.definition;

import dev.sluice.spi.ConfigBinder;

/** One entry of {@code managedWordListsConfig}: a managed list ({@code PROFANITY}, the only one) and its actions. */
public record ManagedWordsConfig(String type, String inputAction, String outputAction, Boolean inputEnabled,
                                 Boolean outputEnabled) {

    public ManagedWordsConfig {
        if (type == null) {
            throw new ConfigBinder.Invalid("type", "is required (PROFANITY)");
        }
        if (!type.equals("PROFANITY")) {
            throw new ConfigBinder.Invalid("type", "must be PROFANITY, the one managed word list, not '" + type + "'");
        }
        Fields.wordAction(inputAction, "input_action");
        Fields.wordAction(outputAction, "output_action");
    }

    public Sides sides() {
        return new Sides(Fields.wordAction(inputAction, "input_action"), Fields.wordAction(outputAction,
                "output_action"), !Boolean.FALSE.equals(inputEnabled), !Boolean.FALSE.equals(outputEnabled));
    }
}
