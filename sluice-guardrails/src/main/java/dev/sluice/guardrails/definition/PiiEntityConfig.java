package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.PiiType;
import dev.sluice.spi.ConfigBinder;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * One entry of {@code piiEntitiesConfig}: a PII entity type and what to do with it.
 *
 * @param type one of {@link PiiType} (every entity type of Bedrock's)
 * @param action BLOCK, ANONYMIZE or NONE; required
 */
public record PiiEntityConfig(String type, String action, String inputAction, String outputAction,
                              Boolean inputEnabled, Boolean outputEnabled) {

    public PiiEntityConfig {
        piiType(type);
        Action base = Fields.action(action, null, "action");
        if (base == null) {
            throw new ConfigBinder.Invalid("action", "is required (BLOCK, ANONYMIZE or NONE)");
        }
        Fields.action(inputAction, base, "input_action");
        Fields.action(outputAction, base, "output_action");
    }

    public PiiType piiType() {
        return PiiType.valueOf(type);
    }

    public Sides sides() {
        Action base = Action.valueOf(action);
        return new Sides(Fields.action(inputAction, base, "input_action"),
                Fields.action(outputAction, base, "output_action"),
                !Boolean.FALSE.equals(inputEnabled), !Boolean.FALSE.equals(outputEnabled));
    }

    private static void piiType(String type) {
        if (type == null) {
            throw new ConfigBinder.Invalid("type", "is required");
        }
        try {
            PiiType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new ConfigBinder.Invalid("type", "unknown PII entity type '" + type + "' (known: " + known() + ")");
        }
    }

    private static String known() {
        return Arrays.stream(PiiType.values()).map(Enum::name).sorted().collect(Collectors.joining(", "));
    }
}
