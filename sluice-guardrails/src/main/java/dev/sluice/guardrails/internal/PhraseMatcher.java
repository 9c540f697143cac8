package dev.sluice.guardrails.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds listed words and phrases in text, as whole words (see {@link Words}): a phrase matches a run of consecutive
 * words whose keys equal its own, whatever separates them. One pass over the text, holding at most as many partial
 * matches as the longest phrase has words. Immutable once built and safe to share between threads.
 *
 * @param <T> what each phrase stands for, handed back with its matches
 */
public final class PhraseMatcher<T> {

    /** One match: the span from the first word's start to the last word's end, and the phrase's payload. */
    public record Hit<T>(int start, int end, T payload) { }

    /** Receives hits in the order of their end. */
    @FunctionalInterface
    public interface HitSink<T> {
        void hit(int start, int end, T payload);
    }

    private static final class Node<T> {
        final Map<String, Node<T>> next = new HashMap<>();
        final List<T> payloads = new ArrayList<>(1);
    }

    private final Node<T> root;
    private final int maxWords;
    private final int maxKeyLength;
    private final KeyHashes keys;
    /**
     * The key hashes of each phrase's longest word (its rarest, as a rule): a text holding none of them holds no
     * phrase, though it may hold some of their words ("of" and "a" are words of listed phrases, in nearly every text).
     */
    private final KeyHashes anchors;

    private PhraseMatcher(Node<T> root, int maxWords, int maxKeyLength, KeyHashes keys, KeyHashes anchors) {
        this.root = root;
        this.maxWords = maxWords;
        this.maxKeyLength = maxKeyLength;
        this.keys = keys;
        this.anchors = anchors;
    }

    public static <T> Builder<T> builder() {
        return new Builder<>();
    }

    /** Whether no phrase was added. */
    public boolean isEmpty() {
        return root.next.isEmpty();
    }

    /** Every match in {@code text}, overlapping ones included, in the order of their end. */
    public List<Hit<T>> find(CharSequence text) {
        List<Hit<T>> hits = new ArrayList<>();
        find(text, (s, e, p) -> hits.add(new Hit<>(s, e, p)));
        return hits;
    }

    /**
     * Every match among the words of a text cut once for several matchers, in the order of their end (an unmodifiable
     * empty list when there is none).
     */
    public List<Hit<T>> find(WordCut words) {
        if (isEmpty() || !words.mayHold(anchors)) {
            return List.of(); // no word may be one of its keys: the text need not be cut for it
        }
        List<Hit<T>> hits = new ArrayList<>();
        find(words, (s, e, p) -> hits.add(new Hit<>(s, e, p)));
        return hits;
    }

    /** Calls {@code sink} for every match in {@code text}, overlapping ones included, in the order of their end. */
    public void find(CharSequence text, HitSink<T> sink) {
        if (!isEmpty()) {
            Walk walk = new Walk(sink);
            Words.scan(text, 0, text.length(), maxKeyLength, keys, walk::word);
        }
    }

    /** Like {@link #find(CharSequence, HitSink)} over the words of a text cut once for several matchers. */
    public void find(WordCut words, HitSink<T> sink) {
        find(words, 0, Integer.MAX_VALUE, sink);
    }

    /**
     * Like {@link #find(WordCut, HitSink)} over the words that start in {@code [from, to)} (whole words, even where
     * one runs past {@code to}).
     */
    public void find(WordCut words, int from, int to, HitSink<T> sink) {
        if (isEmpty() || !words.mayHold(anchors)) {
            return;
        }
        Walk walk = new Walk(sink);
        for (int i = words.firstFrom(from), n = words.size(); i < n && words.start(i) < to; i++) {
            walk.word(words.start(i), words.end(i), words.key(i, keys, maxKeyLength));
        }
    }

    /** One pass: the partial matches so far, at most one per word of the longest phrase. */
    private final class Walk {
        private final HitSink<T> sink;
        @SuppressWarnings("unchecked")
        private final Node<T>[] nodes = new Node[maxWords];
        private final int[] starts = new int[maxWords];
        private int count;

        Walk(HitSink<T> sink) {
            this.sink = sink;
        }

        /** The next word; a null key (a word in no phrase) ends every partial match. */
        void word(int start, int end, String key) {
            int kept = 0;
            if (key != null) {
                for (int a = 0; a < count; a++) {
                    Node<T> child = nodes[a].next.get(key);
                    if (child != null && kept < maxWords) {
                        nodes[kept] = child;
                        starts[kept++] = starts[a];
                    }
                }
                Node<T> first = root.next.get(key);
                if (first != null && kept < maxWords) {
                    nodes[kept] = first;
                    starts[kept++] = start;
                }
            }
            count = kept;
            for (int a = 0; a < kept; a++) {
                for (T payload : nodes[a].payloads) {
                    sink.hit(starts[a], end, payload);
                }
            }
        }
    }

    /** Collects phrases; not thread-safe. */
    public static final class Builder<T> {
        private final Node<T> root = new Node<>();
        private final Set<String> allKeys = new HashSet<>();
        private final Set<String> anchorKeys = new HashSet<>();
        private int maxWords = 1;
        private int maxKeyLength = 1;

        /**
         * Adds a phrase (one or more words) standing for {@code payload}.
         *
         * @return false when the phrase holds no word (it could never match), and nothing is added
         */
        public boolean add(String phrase, T payload) {
            List<String> keys = Words.keys(phrase);
            if (keys.isEmpty()) {
                return false;
            }
            Node<T> node = root;
            for (String key : keys) {
                node = node.next.computeIfAbsent(key, k -> new Node<>());
                maxKeyLength = Math.max(maxKeyLength, key.length());
                allKeys.add(key);
            }
            if (!node.payloads.contains(payload)) {
                node.payloads.add(payload);
            }
            maxWords = Math.max(maxWords, keys.size());
            String anchor = keys.get(0);
            for (String key : keys) {
                anchor = key.length() > anchor.length() ? key : anchor;
            }
            anchorKeys.add(anchor);
            return true;
        }

        public PhraseMatcher<T> build() {
            // a key may be shorter than its word's span (ignorables, NFKC): allow generous headroom
            return new PhraseMatcher<>(root, maxWords, maxKeyLength * 4 + 8, new KeyHashes(allKeys),
                    new KeyHashes(anchorKeys));
        }
    }
}
