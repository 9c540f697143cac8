package dev.sluice.guardrails.apply;

import dev.sluice.guardrails.definition.GroundingFilterConfig;
import dev.sluice.guardrails.definition.GroundingPolicyConfig;
import dev.sluice.guardrails.grounding.GroundingScorer;
import dev.sluice.guardrails.grounding.GroundingScores;
import dev.sluice.guardrails.topics.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * A guardrail's contextual grounding filters on the output side. The blocks of one check are split by qualifier:
 * {@code grounding_source} blocks are the source, {@code query} blocks the query, and the checked blocks (no
 * qualifier, or {@code guard_content}) the answer. GROUNDING runs when there is a source, RELEVANCE when there is a
 * query; with neither, or no answer text, nothing runs (there is nothing to compare). Immutable and thread-safe;
 * {@link #check} runs the embedding model (milliseconds per sentence).
 */
final class GroundingCheck {

    private final List<GroundingFilterConfig> filters;
    private final GroundingScorer scorer;

    private GroundingCheck(List<GroundingFilterConfig> filters, Embedder embedder) {
        this.filters = filters;
        this.scorer = new GroundingScorer(embedder);
    }

    /** The enabled filters of {@code policy}, or null when there are none. */
    static GroundingCheck of(GroundingPolicyConfig policy, Embedder embedder) {
        if (policy == null) {
            return null;
        }
        List<GroundingFilterConfig> enabled = policy.filtersConfig().stream()
                .filter(GroundingFilterConfig::isEnabled).toList();
        return enabled.isEmpty() ? null : new GroundingCheck(enabled, embedder);
    }

    /** One check's grounding results and the characters they read. */
    record Result(List<Assessment.GroundingMatch> matches, int characters) {
        static final Result NONE = new Result(List.of(), 0);
    }

    Result check(List<TextBlock> blocks) {
        List<String> sources = new ArrayList<>();
        List<String> queries = new ArrayList<>();
        StringBuilder answer = new StringBuilder();
        int characters = 0;
        for (TextBlock b : blocks) {
            characters += b.text().length();
            if (b.groundingSource()) {
                sources.add(b.text());
            }
            if (b.query()) {
                queries.add(b.text());
            }
            if (b.guarded()) {
                answer.append(answer.isEmpty() ? "" : "\n").append(b.text());
            }
        }
        if (answer.toString().isBlank() || (sources.isEmpty() && queries.isEmpty())) {
            return Result.NONE;
        }
        GroundingScores scores = scorer.score(sources, queries, answer.toString());
        List<Assessment.GroundingMatch> matches = new ArrayList<>(filters.size());
        for (GroundingFilterConfig f : filters) {
            boolean grounding = f.filterType() == GroundingFilterConfig.Type.GROUNDING;
            if (grounding ? sources.isEmpty() : queries.isEmpty()) {
                continue;
            }
            double score = Math.round((grounding ? scores.grounding() : scores.relevance()) * 100) / 100.0;
            matches.add(new Assessment.GroundingMatch(f.type(), f.threshold(), score, f.actionOrDefault(),
                    score < f.threshold()));
        }
        return new Result(matches, characters);
    }
}
