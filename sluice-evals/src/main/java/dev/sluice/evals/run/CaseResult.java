package dev.sluice.evals.run;

import dev.sluice.evals.spi.Score;
import java.util.Map;

/**
 * The outcome of one case on one target in one repeat: what was sent, what came back, and every score.
 *
 * @param error why the target call failed after retries, else null; then every metric's score is an error too
 * @param ttftMs time to first token, or -1 when not streamed or failed
 * @param cached whether the output came from the output cache rather than a call
 * @param scores by metric name, in suite order
 */
public record CaseResult(String caseId, String target, int repeat, String category, String prompt, String output,
                         String error, long latencyMs, long ttftMs, int inputTokens, int outputTokens, double costUsd,
                         boolean cached, Map<String, Score> scores) {

    public CaseResult {
        scores = scores == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(scores));
    }

    /** Identifies the result within a run: target, case id and repeat. */
    public String key() {
        return target + "\u0000" + caseId + "\u0000" + repeat;
    }

    /** Identifies the case across runs regardless of target name: case id and repeat. */
    public String pairKey() {
        return caseId + "\u0000" + repeat;
    }
}
