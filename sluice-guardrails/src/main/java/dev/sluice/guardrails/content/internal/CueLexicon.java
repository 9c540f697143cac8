package dev.sluice.guardrails.content.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted cues read from a lexicon file, and the search for them in {@link Normalized} tokens. A line is
 * {@code CATEGORY WEIGHT PATTERN}; blank lines and lines starting with {@code #} are skipped. A pattern is
 * space-separated elements: {@code ...} is a gap of 0 to 4 tokens, anything else is a choice {@code a|b|c} whose
 * alternatives are words (normalised as text is, so a CJK word is several tokens) and end with {@code *} to match as
 * a prefix. Cues are indexed by their first tokens, so a text is searched in one pass: each token looks up the cues
 * that may start there. Immutable and thread-safe once loaded.
 */
public final class CueLexicon {

    private final List<Cue> cues;
    private final Map<String, List<Cue>> byFirstToken = new HashMap<>();
    /** Cues whose first element is one prefix word, by the prefix's first character, shortest prefix first. */
    private final Map<Character, PrefixCues[]> byFirstPrefix;

    /** The cues that start with {@code prefix}. */
    private record PrefixCues(String prefix, List<Cue> cues) { }

    private CueLexicon(List<Cue> cues) {
        this.cues = List.copyOf(cues);
        Map<String, List<Cue>> prefixes = new HashMap<>();
        for (Cue cue : cues) {
            for (Cue.Alternative a : cue.elements().getFirst().alternatives()) {
                String first = a.tokens()[0];
                if (a.prefix() && a.tokens().length == 1) {
                    prefixes.computeIfAbsent(first, k -> new ArrayList<>()).add(cue);
                } else {
                    byFirstToken.computeIfAbsent(first, k -> new ArrayList<>()).add(cue);
                }
            }
        }
        Map<Character, List<PrefixCues>> byChar = new HashMap<>();
        prefixes.forEach((prefix, list) -> byChar.computeIfAbsent(prefix.charAt(0), c -> new ArrayList<>())
                .add(new PrefixCues(prefix, List.copyOf(list))));
        Map<Character, PrefixCues[]> index = new HashMap<>();
        byChar.forEach((c, list) -> index.put(c, list.stream()
                .sorted(Comparator.comparingInt((PrefixCues p) -> p.prefix().length())
                        .thenComparing(PrefixCues::prefix))
                .toArray(PrefixCues[]::new)));
        byFirstPrefix = Map.copyOf(index);
    }

    /** Reads a lexicon from the class path. @throws IllegalStateException naming the line of a bad cue */
    public static CueLexicon load(Class<?> anchor, String resource) {
        try (InputStream in = anchor.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("lexicon " + resource + " is missing");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList(),
                    resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CueLexicon parse(List<String> lines, String name) {
        List<Cue> cues = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 3);
            if (parts.length < 3) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": want CATEGORY WEIGHT PATTERN");
            }
            cues.add(new Cue(cues.size(), parts[0], Double.parseDouble(parts[1]), elements(parts[2],
                    name + ":" + (i + 1)), parts[2]));
        }
        return new CueLexicon(cues);
    }

    private static List<Cue.Element> elements(String pattern, String where) {
        List<Cue.Element> out = new ArrayList<>();
        for (String e : pattern.split("\\s+")) {
            if (e.equals("...")) {
                out.add(new Cue.Element(true, List.of()));
                continue;
            }
            List<Cue.Alternative> alternatives = new ArrayList<>();
            for (String alt : e.split("\\|")) {
                boolean prefix = alt.endsWith("*");
                String[] tokens = TextNormalizer.normalize(prefix ? alt.substring(0, alt.length() - 1) : alt)
                        .tokens();
                if (tokens.length == 0) {
                    throw new IllegalStateException(where + ": empty alternative in '" + e + "'");
                }
                alternatives.add(new Cue.Alternative(tokens, prefix));
            }
            out.add(new Cue.Element(false, alternatives));
        }
        if (out.isEmpty() || out.getFirst().gap() || out.getLast().gap()) {
            throw new IllegalStateException(where + ": a pattern starts and ends with words");
        }
        return List.copyOf(out);
    }

    public int size() { return cues.size(); }

    /** What the search found: the cues matched (each once), and those matched only in decoded runs. */
    public record Hits(BitSet all, BitSet decodedOnly) { }

    public Hits find(Normalized text) {
        String[] t = text.tokens();
        BitSet all = new BitSet(cues.size());
        BitSet plain = new BitSet(cues.size());
        for (int i = 0; i < t.length; i++) {
            String token = t[i];
            List<Cue> exact = byFirstToken.get(token);
            if (exact != null) {
                check(exact, t, i, i < text.decodedFrom(), all, plain);
            }
            PrefixCues[] prefixed = token.isEmpty() ? null : byFirstPrefix.get(token.charAt(0));
            if (prefixed != null) {
                for (PrefixCues p : prefixed) {
                    if (p.prefix().length() > token.length()) {
                        break;
                    }
                    if (token.startsWith(p.prefix())) {
                        check(p.cues(), t, i, i < text.decodedFrom(), all, plain);
                    }
                }
            }
        }
        BitSet decodedOnly = (BitSet) all.clone();
        decodedOnly.andNot(plain);
        return new Hits(all, decodedOnly);
    }

    private static void check(List<Cue> candidates, String[] t, int at, boolean inPlain, BitSet all, BitSet plain) {
        for (Cue cue : candidates) {
            if ((inPlain ? !plain.get(cue.id()) : !all.get(cue.id())) && cue.matchesAt(t, at)) {
                all.set(cue.id());
                if (inPlain) {
                    plain.set(cue.id());
                }
            }
        }
    }

    /** The cue's category, weight and pattern, for error lists. */
    public String describe(int id) {
        Cue c = cues.get(id);
        String src = c.source().length() > 60 ? c.source().substring(0, 57) + "..." : c.source();
        return c.category() + " " + c.weight() + " " + src;
    }

    public String category(int id) { return cues.get(id).category(); }

    public double weight(int id) { return cues.get(id).weight(); }
}
