package dev.sluice.guardrails.apply;

import java.util.List;
import java.util.Objects;

/**
 * One text to check, with Bedrock's qualifiers: {@code guard_content} (check it), {@code grounding_source} and
 * {@code query} (context for the contextual grounding checks). A block with no qualifiers, or with
 * {@code guard_content}, is checked; a block that is only a grounding source or a query is not.
 */
public record TextBlock(String text, List<String> qualifiers) {

    public TextBlock {
        Objects.requireNonNull(text, "text");
        qualifiers = qualifiers == null ? List.of() : List.copyOf(qualifiers);
    }

    /** Sluice's own qualifier for the values of a tool call's arguments: checked, but not an answer to ground. */
    public static final String TOOL_ARGUMENTS = "tool_arguments";

    public static TextBlock of(String text) {
        return new TextBlock(text, List.of());
    }

    /** A value from a tool call's arguments: checked by every policy but grounding (it is not prose to ground). */
    public static TextBlock toolArguments(String text) {
        return new TextBlock(text, List.of("guard_content", TOOL_ARGUMENTS));
    }

    /** Whether this block is a value from a tool call's arguments. */
    public boolean toolArguments() {
        return qualifiers.contains(TOOL_ARGUMENTS);
    }

    /** Whether this block is (also) a grounding source. */
    public boolean groundingSource() {
        return qualifiers.contains("grounding_source");
    }

    /** Whether this block is (also) the query. */
    public boolean query() {
        return qualifiers.contains("query");
    }

    /** Whether the guardrail's policies check this block. */
    public boolean guarded() {
        return qualifiers.isEmpty() || qualifiers.contains("guard_content");
    }
}
