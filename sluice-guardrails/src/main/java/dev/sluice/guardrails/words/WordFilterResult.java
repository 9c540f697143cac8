package dev.sluice.guardrails.words;

import dev.sluice.guardrails.Verdict;
import java.util.List;

/**
 * The outcome of checking one text.
 *
 * @param findings the words found, in text order, never overlapping
 * @param verdict  {@code BLOCKED} if any finding's action is BLOCK, else {@code NONE}
 */
public record WordFilterResult(List<WordFinding> findings, Verdict verdict) {

    public WordFilterResult {
        findings = List.copyOf(findings);
    }
}
