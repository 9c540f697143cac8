package dev.sluice.guardrails.grounding;

import dev.sluice.guardrails.topics.Embedder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Scores an answer against its grounding source and its query.
 *
 * <p><b>Grounding</b> is judged sentence by sentence. A sentence's support is its best cosine similarity (MiniLM)
 * to a piece of the source (a sentence, or two adjacent ones), mapped onto [0, 1], blended with the share of its
 * content words that the source has; then each number the source does not have halves it, and each name (a
 * capitalised word inside a sentence) the source does not have halves it too. Embeddings alone score "the fee is
 * 30 euros" and "the fee is 50 euros" alike; the overlap terms are what catch a changed figure or a made-up name.
 * The answer's grounding is the mean of its weakest sentence and its average sentence: one unsupported claim pulls
 * the whole answer down, but a short courtesy sentence does not decide alone.
 *
 * <p><b>Relevance</b> is the answer's cosine similarity to the query (whole answer, and its best sentence), mapped
 * onto [0, 1], blended with the share of the query's content words that the answer or the source picks up.
 *
 * <p>Thread-safe when the embedder is. Costs one embedding per answer sentence and per source piece (a few
 * milliseconds each), the source's only the first time it is seen among the last {@value #RECENT}: run it off event
 * loops. Never throws on any text; empty inputs score 0.
 */
public final class GroundingScorer {

    /** At most this many source pieces are embedded; a longer source is compared by its first ones. */
    static final int MAX_PIECES = 160;

    private final Embedder embedder;
    /** The indexes of the last {@value #RECENT} sources scored, least recently used first. */
    private final java.util.LinkedHashMap<String, SourceIndex> recent = new java.util.LinkedHashMap<>(16, 0.75f,
            true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<String, SourceIndex> eldest) {
            return size() > RECENT;
        }
    };

    /** How many sources' embeddings are kept (a few concurrent RAG streams' worth). */
    static final int RECENT = 32;

    public GroundingScorer(Embedder embedder) {
        this.embedder = Objects.requireNonNull(embedder, "embedder");
    }

    /**
     * @param sources the grounding source texts (Bedrock's {@code grounding_source} blocks)
     * @param queries the query texts ({@code query} blocks)
     * @param answer the text checked ({@code guard_content}, or the model's answer)
     */
    public GroundingScores score(List<String> sources, List<String> queries, String answer) {
        List<String> sentences = Passages.sentences(answer);
        if (sentences.isEmpty()) {
            return new GroundingScores(0, 0);
        }
        SourceIndex index = index(String.join("\n", sources));
        List<float[]> answerVectors = sentences.stream().map(embedder::embed).toList();
        double grounding = sources.isEmpty() ? 0
                : grounding(sentences, answerVectors, index.pieces(), index.terms());
        String query = String.join("\n", queries);
        double relevance = query.isBlank() ? 0 : relevance(answer, answerVectors, query, index.sentences());
        return new GroundingScores(clamp(grounding), clamp(relevance));
    }

    private double grounding(List<String> sentences, List<float[]> vectors, List<float[]> pieces,
                             Terms sourceTerms) {
        if (pieces.isEmpty()) {
            return 0;
        }
        double min = 1;
        double sum = 0;
        for (int i = 0; i < sentences.size(); i++) {
            double best = 0;
            for (float[] piece : pieces) {
                best = Math.max(best, Embedder.cosine(vectors.get(i), piece));
            }
            double s = support(sentences.get(i), best, sourceTerms);
            min = Math.min(min, s);
            sum += s;
        }
        return (min + sum / sentences.size()) / 2;
    }

    /** One sentence's support: semantic match and word overlap, less unsupported numbers and names. */
    static double support(String sentence, double cosine, Terms sourceTerms) {
        Terms terms = Terms.of(sentence);
        double semantic = map(cosine, 0.45, 0.85);
        double lexical = share(terms.words(), sourceTerms.words());
        double score = terms.words().isEmpty() ? semantic : 0.55 * semantic + 0.45 * lexical;
        for (String number : terms.numbers()) {
            if (!sourceTerms.numbers().contains(number)) {
                score *= 0.4;
            }
        }
        for (String name : terms.names()) {
            if (!sourceTerms.words().contains(Terms.stem(name)) && !sourceTerms.names().contains(name)) {
                score *= 0.5;
            }
        }
        return score;
    }

    /**
     * The answer's closeness to the query, or to the source sentence that the query is closest to (an answer that
     * says "up to five days" to "can I carry holiday over?" is far from the question but close to its answer in the
     * source; one that quotes another part of the source is close to neither).
     */
    private double relevance(String answer, List<float[]> answerVectors, String query, List<float[]> sourceVectors) {
        float[] q = embedder.embed(query);
        double direct = Embedder.cosine(embedder.embed(answer), q);
        for (float[] v : answerVectors) {
            direct = Math.max(direct, Embedder.cosine(v, q));
        }
        float[] target = null;
        double closest = -1;
        for (float[] s : sourceVectors) {
            double c = Embedder.cosine(s, q);
            if (c > closest) {
                closest = c;
                target = s;
            }
        }
        double viaSource = 0;
        if (target != null) {
            for (float[] v : answerVectors) {
                viaSource = Math.max(viaSource, Embedder.cosine(v, target));
            }
        }
        double semantic = Math.max(map(direct, 0.15, 0.60), map(viaSource, 0.55, 0.85));
        double lexical = share(Terms.of(query).words(), new HashSet<>(Terms.of(answer).words()));
        return 0.8 * semantic + 0.2 * lexical;
    }

    /** A source's terms, its sentences' vectors, and those and its adjacent pairs' vectors (the pieces). */
    private record SourceIndex(Terms terms, List<float[]> sentences, List<float[]> pieces) { }

    /**
     * The source's index, from the recent ones when the same source was scored lately: a stream's windows are scored
     * one after another against the same source, which is embedded once.
     */
    private SourceIndex index(String source) {
        synchronized (recent) {
            SourceIndex known = recent.get(source);
            if (known != null) {
                return known;
            }
        }
        List<String> sentences = Passages.sentences(source);
        List<float[]> vectors = sentences.stream().limit(MAX_PIECES / 2).map(embedder::embed).toList();
        SourceIndex index = new SourceIndex(Terms.of(source), vectors, pieces(sentences, vectors));
        synchronized (recent) {
            recent.put(source, index);
        }
        return index;
    }

    /** The source's sentences (embedded already) and pairs of adjacent sentences, embedded. */
    private List<float[]> pieces(List<String> sentences, List<float[]> vectors) {
        List<float[]> pieces = new ArrayList<>(vectors);
        for (int i = 0; i + 1 < vectors.size() && pieces.size() < MAX_PIECES; i++) {
            pieces.add(embedder.embed(sentences.get(i) + " " + sentences.get(i + 1)));
        }
        return pieces;
    }

    private static double share(Set<String> words, Set<String> in) {
        if (words.isEmpty()) {
            return 0;
        }
        int found = 0;
        for (String w : words) {
            if (in.contains(w)) {
                found++;
            }
        }
        return (double) found / words.size();
    }

    /** {@code x} mapped linearly from [lo, hi] onto [0, 1], clamped. */
    static double map(double x, double lo, double hi) {
        return clamp((x - lo) / (hi - lo));
    }

    private static double clamp(double x) {
        return Double.isNaN(x) ? 0 : Math.max(0, Math.min(1, x));
    }
}
