package dev.sluice.simulator;

import java.util.Locale;
import java.util.Optional;

/** How the simulator makes up its answers: the {@code reply} option. */
public enum ReplyMode {
    /** The text of the last user message (the default). */
    ECHO,
    /** The {@code text} option, always. */
    FIXED,
    /** The first matching rule of the {@code script} file, else echo. */
    SCRIPT,
    /** Deterministic filler of {@code output_tokens} (or the request's max tokens) tokens, for load tests. */
    LOREM;

    /** The option value that selects this mode, e.g. {@code echo}. */
    public String optionValue() { return name().toLowerCase(Locale.ROOT); }

    /** The mode for an option value, case-insensitive; empty when unknown. */
    static Optional<ReplyMode> of(String value) {
        for (ReplyMode m : values()) {
            if (m.optionValue().equalsIgnoreCase(value)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
