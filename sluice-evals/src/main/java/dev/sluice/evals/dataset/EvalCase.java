package dev.sluice.evals.dataset;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One case of a dataset.
 *
 * @param id stable identifier (from the data, else the 1-based row number), used to pair runs
 * @param vars template variables; {@code prompt} holds the Bedrock prompt or generic input when present
 * @param expected the reference answer, or null
 * @param category the category for breakdowns, or null
 * @param contexts reference contexts for RAG metrics, never null
 */
public record EvalCase(String id, Map<String, String> vars, String expected, String category, List<String> contexts) {

    public EvalCase {
        Objects.requireNonNull(id, "id");
        vars = Map.copyOf(vars);
        contexts = contexts == null ? List.of() : List.copyOf(contexts);
    }

    /** The case's own prompt: the {@code prompt} or {@code input} variable, else null. */
    public String prompt() {
        String p = vars.get("prompt");
        return p != null ? p : vars.get("input");
    }
}
