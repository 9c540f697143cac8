package dev.sluice.evals.gate;

/**
 * One rule checked against one target (or the whole run).
 *
 * @param rule the rule as written, e.g. {@code min_mean(rouge_l) >= 0.70 [small]}
 * @param detail what was measured and, on failure, by how much it missed
 */
public record RuleResult(String rule, boolean passed, String detail) { }
