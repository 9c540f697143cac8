package dev.sluice.guardrails.topics;

import java.util.ArrayList;
import java.util.List;

/**
 * A stretch of a text checked for denied topics: its sentences {@code from} (inclusive) to {@code to} (exclusive),
 * and its text. A text's windows are the whole text when it is short, each sentence, and each pair of neighbouring
 * sentences: a topic stated in one sentence, or spread over two, fills a window and is not diluted by the rest.
 */
record Window(String text, int from, int to) {

    private static final int WHOLE_TEXT = 600;

    /** Every window of {@code text}, cut into {@code sentences}; a text without sentences is one window. */
    static List<Window> of(String text, List<String> sentences) {
        List<Window> out = new ArrayList<>();
        if (text.length() <= WHOLE_TEXT && !text.isBlank()) {
            out.add(new Window(text.strip(), 0, sentences.size()));
        }
        if (sentences.size() > 1) {
            for (int i = 0; i < sentences.size(); i++) {
                out.add(new Window(sentences.get(i), i, i + 1));
            }
            for (int i = 0; i + 1 < sentences.size(); i++) {
                out.add(new Window(sentences.get(i) + " " + sentences.get(i + 1), i, i + 2));
            }
        } else if (out.isEmpty() && sentences.size() == 1) {
            out.add(new Window(sentences.getFirst(), 0, 1));
        }
        if (out.isEmpty()) {
            out.add(new Window(" ", 0, 0));
        }
        return out;
    }
}
