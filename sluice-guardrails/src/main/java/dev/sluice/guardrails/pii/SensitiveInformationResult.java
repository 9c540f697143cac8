package dev.sluice.guardrails.pii;

import dev.sluice.guardrails.Verdict;
import java.util.List;

/**
 * The outcome of checking one text.
 *
 * @param findings what was found, in text order, never overlapping; only the policy's types and regexes
 * @param verdict  {@code BLOCKED} if any finding's action is BLOCK, else {@code ANONYMIZED} if any is ANONYMIZE, else
 *                 {@code NONE}
 * @param text     the checked text with every BLOCK and ANONYMIZE finding replaced by its placeholder
 *                 ({@code {EMAIL}}, {@code {EMAIL_2}} for a second distinct e-mail address, ...; the same value gets
 *                 the same placeholder throughout the text); the input itself when nothing was replaced. A blocked
 *                 text is masked too, so that it can be logged
 */
public record SensitiveInformationResult(List<Finding> findings, Verdict verdict, String text) {

    public SensitiveInformationResult {
        findings = List.copyOf(findings);
    }

    /** Whether the policy acted on the text (blocked or anonymized). */
    public boolean intervened() {
        return verdict != Verdict.NONE;
    }
}
