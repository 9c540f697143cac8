package dev.sluice.store.ledger;

import dev.sluice.api.error.GatewayException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What usage is grouped by. */
public enum GroupBy {
    KEY("l.key_id"),
    TEAM("l.team_id"),
    USE_CASE("l.use_case_id"),
    MODEL("l.model"),
    DAY("to_char(l.started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')");

    private final String expression;

    GroupBy(String expression) {
        this.expression = expression;
    }

    String expression() { return expression; }

    /** The wire name: {@code key}, {@code team}, {@code use_case}, {@code model}, {@code day}. */
    public String wireName() { return name().toLowerCase(Locale.ROOT); }

    /** Parses a wire name; an unknown one is an invalid-request error naming the choices. */
    public static GroupBy parse(String value) {
        for (GroupBy g : values()) {
            if (g.wireName().equals(value)) {
                return g;
            }
        }
        throw GatewayException.invalid("group_by must be one of " + Arrays.stream(values()).map(GroupBy::wireName)
                .collect(Collectors.joining(", ")) + ", got '" + value + "'", "group_by");
    }
}
