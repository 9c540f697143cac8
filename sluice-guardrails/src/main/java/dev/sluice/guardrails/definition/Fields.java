package dev.sluice.guardrails.definition;

import dev.sluice.guardrails.Action;
import dev.sluice.spi.ConfigBinder;
import java.util.Set;

/** Checks shared by the definition records; each failure is a {@link ConfigBinder.Invalid} naming the field. */
final class Fields {

    private static final Set<String> ACTIONS = Set.of("BLOCK", "ANONYMIZE", "NONE");
    private static final Set<String> WORD_ACTIONS = Set.of("BLOCK", "NONE");

    private Fields() { }

    /** {@code value}, null or 1 to {@code max} characters. */
    static String length(String value, int max, String field) {
        if (value != null && (value.isEmpty() || value.length() > max)) {
            throw new ConfigBinder.Invalid(field, "must have 1 to " + max + " characters, not " + value.length());
        }
        return value;
    }

    /** {@code value}, given and 1 to {@code max} characters. */
    static String required(String value, int max, String field) {
        if (value == null) {
            throw new ConfigBinder.Invalid(field, "is required");
        }
        return length(value, max, field);
    }

    /** A sensitive-information action (BLOCK, ANONYMIZE or NONE), or {@code fallback} when not given. */
    static Action action(String value, Action fallback, String field) {
        if (value == null) {
            return fallback;
        }
        if (!ACTIONS.contains(value)) {
            throw new ConfigBinder.Invalid(field, "must be BLOCK, ANONYMIZE or NONE, not '" + value + "'");
        }
        return Action.valueOf(value);
    }

    /** A word-filter action (BLOCK or NONE), BLOCK when not given. */
    static Action wordAction(String value, String field) {
        if (value == null) {
            return Action.BLOCK;
        }
        if (!WORD_ACTIONS.contains(value)) {
            throw new ConfigBinder.Invalid(field, "must be BLOCK or NONE, not '" + value + "'");
        }
        return Action.valueOf(value);
    }

    static void size(java.util.List<?> list, int max, String field) {
        if (list != null && list.size() > max) {
            throw new ConfigBinder.Invalid(field, "has " + list.size() + " entries, at most " + max);
        }
    }

    static void noNulls(java.util.List<?> list, String field) {
        if (list != null) {
            for (int i = 0; i < list.size(); i++) {
                if (list.get(i) == null) {
                    throw new ConfigBinder.Invalid(field + "[" + i + "]", "must be a mapping, not nothing");
                }
            }
        }
    }

    /** A policy's judge model: absent, or a model or route name of 1 to 256 characters. */
    static void judgeModel(String value) {
        if (value != null && (value.isBlank() || value.length() > 256)) {
            throw new ConfigBinder.Invalid("judge_model", "must be a model or route name of 1 to 256 characters");
        }
    }
}
