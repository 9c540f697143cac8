package dev.sluice.guardrails.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sluice.guardrails.grounding.GroundingScorer;
import dev.sluice.guardrails.grounding.GroundingScores;
import dev.sluice.guardrails.topics.Embedder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Scores the grounding and relevance filters on {@code corpus/grounding.json}. A filter "detects" an answer when
 * its score is below the threshold, so the positives are the ungrounded answers (grounding) and the answers that do
 * not answer the query (relevance). Answers are scored once; each threshold is then a re-count.
 */
public final class GroundingScoring {

    /** The GROUNDING threshold docs/guardrails.md recommends, and the accuracy test holds. */
    public static final double GROUNDING_THRESHOLD = 0.5;

    /** The RELEVANCE threshold docs/guardrails.md recommends, and the accuracy test holds. */
    public static final double RELEVANCE_THRESHOLD = 0.4;

    /** One labelled answer with its source and query. */
    public record Case(String source, String query, String answer, String kind, boolean grounded,
                       boolean relevant) { }

    /** A case and its scores. */
    public record Scored(Case c, GroundingScores scores) { }

    private GroundingScoring() { }

    public static List<Case> cases() {
        try (InputStream in = GroundingScoring.class.getResourceAsStream("/corpus/grounding.json")) {
            List<Case> out = new ArrayList<>();
            for (JsonNode c : new ObjectMapper().readTree(in).path("cases")) {
                for (JsonNode a : c.path("answers")) {
                    out.add(new Case(c.path("source").asText(), c.path("query").asText(), a.path("text").asText(),
                            a.path("kind").asText(), a.path("grounded").asBoolean(), a.path("relevant").asBoolean()));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static List<Scored> score(Embedder embedder) {
        GroundingScorer scorer = new GroundingScorer(embedder);
        return cases().stream().map(c -> new Scored(c, scorer.score(List.of(c.source()), List.of(c.query()),
                c.answer()))).toList();
    }

    /** Grounding filter counts at {@code threshold}: positive = labelled ungrounded, found = score below. */
    public static BinaryCounts grounding(List<Scored> scored, double threshold, List<String> errors) {
        BinaryCounts counts = BinaryCounts.ZERO;
        for (Scored s : scored) {
            boolean found = s.scores().grounding() < threshold;
            counts = counts.add(!s.c().grounded(), found);
            if (errors != null && found == s.c().grounded()) {
                errors.add(String.format("grounding %s %.3f %s: %s", found ? "FP" : "FN", s.scores().grounding(),
                        s.c().kind(), s.c().answer()));
            }
        }
        return counts;
    }

    /** Relevance filter counts at {@code threshold}: positive = labelled not relevant, found = score below. */
    public static BinaryCounts relevance(List<Scored> scored, double threshold, List<String> errors) {
        BinaryCounts counts = BinaryCounts.ZERO;
        for (Scored s : scored) {
            boolean found = s.scores().relevance() < threshold;
            counts = counts.add(!s.c().relevant(), found);
            if (errors != null && found == s.c().relevant()) {
                errors.add(String.format("relevance %s %.3f %s: %s", found ? "FP" : "FN", s.scores().relevance(),
                        s.c().kind(), s.c().answer()));
            }
        }
        return counts;
    }
}
