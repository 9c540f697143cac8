package dev.sluice.evals.metric;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Pure string-similarity algorithms. Stateless and thread-safe. */
public final class TextSimilarity {

    private TextSimilarity() { }

    /** Levenshtein edit distance (insertions, deletions, substitutions cost 1) over UTF-16 code units. */
    public static int levenshtein(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** 1 - distance / longer length; 1 for two empty strings. */
    public static double levenshteinSimilarity(String a, String b) {
        int longer = Math.max(a.length(), b.length());
        return longer == 0 ? 1.0 : 1.0 - (double) levenshtein(a, b) / longer;
    }

    /** Length of the longest common subsequence of two token lists. */
    public static int lcs(List<String> a, List<String> b) {
        int[] prev = new int[b.size() + 1];
        int[] cur = new int[b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                cur[j] = a.get(i - 1).equals(b.get(j - 1)) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.size()];
    }

    /** ROUGE-L F1 (Lin 2004, beta = 1) of a candidate against a reference; 0 when either is empty. */
    public static double rougeL(List<String> candidate, List<String> reference) {
        if (candidate.isEmpty() || reference.isEmpty()) {
            return candidate.isEmpty() && reference.isEmpty() ? 1.0 : 0.0;
        }
        int l = lcs(candidate, reference);
        if (l == 0) {
            return 0;
        }
        double p = (double) l / candidate.size();
        double r = (double) l / reference.size();
        return 2 * p * r / (p + r);
    }

    /**
     * Sentence BLEU (Papineni et al. 2002) with uniform weights over 1..maxN-grams, clipped counts and the brevity
     * penalty. With {@code smooth}, n-gram precisions for n > 1 use add-one smoothing (Lin and Och 2004), so that a
     * short answer missing every 4-gram does not score exactly 0.
     */
    public static double bleu(List<String> candidate, List<String> reference, int maxN, boolean smooth) {
        if (candidate.isEmpty()) {
            return 0;
        }
        double logSum = 0;
        for (int n = 1; n <= maxN; n++) {
            Map<List<String>, Integer> ref = ngrams(reference, n);
            Map<List<String>, Integer> cand = ngrams(candidate, n);
            int matched = 0;
            int total = Math.max(0, candidate.size() - n + 1);
            for (var e : cand.entrySet()) {
                matched += Math.min(e.getValue(), ref.getOrDefault(e.getKey(), 0));
            }
            double p;
            if (smooth && n > 1) {
                p = (matched + 1.0) / (total + 1.0);
            } else {
                if (matched == 0) {
                    return 0;
                }
                p = (double) matched / total;
            }
            logSum += Math.log(p) / maxN;
        }
        double c = candidate.size();
        double r = reference.size();
        double bp = c > r ? 1.0 : Math.exp(1 - r / c);
        return bp * Math.exp(logSum);
    }

    private static Map<List<String>, Integer> ngrams(List<String> tokens, int n) {
        Map<List<String>, Integer> out = new HashMap<>();
        for (int i = 0; i + n <= tokens.size(); i++) {
            out.merge(tokens.subList(i, i + n), 1, Integer::sum);
        }
        return out;
    }
}
