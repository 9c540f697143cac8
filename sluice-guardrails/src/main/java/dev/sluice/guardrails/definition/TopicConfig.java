package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.topics.DeniedTopic;
import dev.sluice.spi.ConfigBinder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One entry of {@code topicPolicyConfig.topicsConfig}, with Bedrock's limits: a name (1-100 of letters, digits,
 * space and {@code - _ ! ? .}), a definition (1-1000 characters, not blank), at most five examples (1-100 characters
 * each), type DENY, and per-side actions BLOCK (default) or NONE.
 */
public record TopicConfig(String name, String definition, List<String> examples, String type, String inputAction,
                          String outputAction, Boolean inputEnabled, Boolean outputEnabled) {

    private static final Pattern NAME = Pattern.compile("[0-9a-zA-Z_ !?.-]{1,100}");

    public TopicConfig {
        Fields.required(name, 100, "name");
        if (!NAME.matcher(name).matches()) {
            throw new ConfigBinder.Invalid("name", "must be letters, digits, spaces or '-_!?.', not '" + name + "'");
        }
        Fields.required(definition, 1000, "definition");
        if (definition.isBlank()) {
            throw new ConfigBinder.Invalid("definition", "must say what the topic covers, not be blank");
        }
        Fields.noNulls(examples, "examples");
        Fields.size(examples, 5, "examples");
        examples = examples == null ? List.of() : List.copyOf(examples);
        for (int i = 0; i < examples.size(); i++) {
            Fields.required(examples.get(i), 100, "examples[" + i + "]");
        }
        if (type == null) {
            throw new ConfigBinder.Invalid("type", "is required (DENY)");
        }
        if (!type.equals("DENY")) {
            throw new ConfigBinder.Invalid("type", "must be DENY, not '" + type + "'");
        }
        Fields.wordAction(inputAction, "input_action");
        Fields.wordAction(outputAction, "output_action");
    }

    public Sides sides() {
        return new Sides(Fields.wordAction(inputAction, "input_action"), Fields.wordAction(outputAction,
                "output_action"), !Boolean.FALSE.equals(inputEnabled), !Boolean.FALSE.equals(outputEnabled));
    }

    public DeniedTopic topic() {
        return new DeniedTopic(name, definition, examples);
    }
}
