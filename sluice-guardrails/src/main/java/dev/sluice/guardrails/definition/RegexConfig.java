package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.CustomRegex;
import dev.sluice.spi.ConfigBinder;

/**
 * One entry of {@code regexesConfig}: a custom pattern matched with RE2/J (linear time). A pattern that RE2 cannot
 * run in linear time, or whose counted repetitions would expand too far, is refused here, naming {@code pattern}.
 *
 * @param name names its findings and its placeholder; see {@link CustomRegex} for what a name may hold
 * @param pattern RE2 syntax, 1 to {@value CustomRegex#MAX_REGEX_LENGTH} characters
 */
public record RegexConfig(String name, String description, String pattern, String action, String inputAction,
                          String outputAction, Boolean inputEnabled, Boolean outputEnabled) {

    public RegexConfig {
        Fields.required(name, 100, "name");
        Fields.length(description, 1000, "description");
        Fields.required(pattern, CustomRegex.MAX_REGEX_LENGTH, "pattern");
        Action base = Fields.action(action, null, "action");
        if (base == null) {
            throw new ConfigBinder.Invalid("action", "is required (BLOCK, ANONYMIZE or NONE)");
        }
        Fields.action(inputAction, base, "input_action");
        Fields.action(outputAction, base, "output_action");
        try {
            new CustomRegex(name, pattern, base);
        } catch (IllegalArgumentException e) {
            throw new ConfigBinder.Invalid(e.getMessage().contains("name '") ? "name" : "pattern", e.getMessage());
        }
    }

    public Sides sides() {
        Action base = Action.valueOf(action);
        return new Sides(Fields.action(inputAction, base, "input_action"),
                Fields.action(outputAction, base, "output_action"),
                !Boolean.FALSE.equals(inputEnabled), !Boolean.FALSE.equals(outputEnabled));
    }

    /** The pattern with the action one side takes. */
    public CustomRegex on(Action sideAction) {
        return new CustomRegex(name, pattern, sideAction);
    }
}
