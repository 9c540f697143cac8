package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.apply.Source;
import dev.sluice.guardrails.content.ContentType;
import dev.sluice.guardrails.content.Strength;
import dev.sluice.spi.ConfigBinder;
import java.util.List;

/**
 * One entry of {@code contentPolicyConfig.filtersConfig}: a category and how strongly it is filtered on each side.
 * As in Bedrock, both strengths are required, PROMPT_ATTACK is checked on input only (its output strength must be
 * NONE), actions are BLOCK (default) or NONE, and modalities are TEXT (images are not checked by Sluice).
 *
 * @param type HATE, INSULTS, SEXUAL, VIOLENCE, MISCONDUCT or PROMPT_ATTACK
 * @param inputStrength NONE, LOW, MEDIUM or HIGH; NONE turns the filter off on that side
 */
public record ContentFilterConfig(String type, String inputStrength, String outputStrength,
                                  List<String> inputModalities, List<String> outputModalities, String inputAction,
                                  String outputAction, Boolean inputEnabled, Boolean outputEnabled) {

    public ContentFilterConfig {
        contentType(type);
        Strength in = strength(inputStrength, "input_strength");
        Strength out = strength(outputStrength, "output_strength");
        if (ContentType.valueOf(type) == ContentType.PROMPT_ATTACK && out != Strength.NONE) {
            throw new ConfigBinder.Invalid("output_strength", "must be NONE for PROMPT_ATTACK, which checks input"
                    + " only, not '" + outputStrength + "'");
        }
        modalities(inputModalities, "input_modalities");
        modalities(outputModalities, "output_modalities");
        inputModalities = inputModalities == null ? null : List.copyOf(inputModalities);
        outputModalities = outputModalities == null ? null : List.copyOf(outputModalities);
        Fields.wordAction(inputAction, "input_action");
        Fields.wordAction(outputAction, "output_action");
        assert in != null;
    }

    public ContentType contentType() {
        return ContentType.valueOf(type);
    }

    /** The filter's strength on {@code source}'s side; NONE when the side is disabled. */
    public Strength strength(Source source) {
        Sides s = sides();
        return switch (source) {
            case INPUT -> s.inputEnabled() ? Strength.valueOf(inputStrength) : Strength.NONE;
            case OUTPUT -> s.outputEnabled() ? Strength.valueOf(outputStrength) : Strength.NONE;
        };
    }

    public Sides sides() {
        return new Sides(Fields.wordAction(inputAction, "input_action"), Fields.wordAction(outputAction,
                "output_action"), !Boolean.FALSE.equals(inputEnabled), !Boolean.FALSE.equals(outputEnabled));
    }

    /** The action on {@code source}'s side, or null when the filter does not run there. */
    public Action on(Source source) {
        return strength(source) == Strength.NONE ? null : sides().on(source);
    }

    private static void contentType(String type) {
        if (type == null) {
            throw new ConfigBinder.Invalid("type", "is required");
        }
        try {
            ContentType.valueOf(type);
        } catch (IllegalArgumentException e) {
            throw new ConfigBinder.Invalid("type", "unknown content filter type '" + type
                    + "' (known: HATE, INSULTS, MISCONDUCT, PROMPT_ATTACK, SEXUAL, VIOLENCE)");
        }
    }

    private static Strength strength(String value, String field) {
        if (value == null) {
            throw new ConfigBinder.Invalid(field, "is required (NONE, LOW, MEDIUM or HIGH)");
        }
        try {
            return Strength.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new ConfigBinder.Invalid(field, "must be NONE, LOW, MEDIUM or HIGH, not '" + value + "'");
        }
    }

    private static void modalities(List<String> values, String field) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.size(); i++) {
            if (!"TEXT".equals(values.get(i))) {
                throw new ConfigBinder.Invalid(field + "[" + i + "]", "must be TEXT: Sluice checks text only, not '"
                        + values.get(i) + "'");
            }
        }
    }
}
