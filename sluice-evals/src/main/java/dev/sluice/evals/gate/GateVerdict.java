package dev.sluice.evals.gate;

import java.util.List;

/** The gate's answer: passed when every rule result passed (an empty gate passes). */
public record GateVerdict(List<RuleResult> results) {

    public GateVerdict {
        results = List.copyOf(results);
    }

    public boolean passed() {
        return results.stream().allMatch(RuleResult::passed);
    }

    public List<RuleResult> failures() {
        return results.stream().filter(r -> !r.passed()).toList();
    }
}
