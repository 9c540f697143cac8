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

    public static TextBlock of(String text) {
        return new TextBlock(text, List.of());
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
