package dev.sluice.guardrails.corpus;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The hand-written set ({@code corpus/pii-handwritten.txt}): sentences in styles the generator does not use, marked
 * up as {@code [[TYPE:value]]}, scored separately so the benchmark shows how the detectors fare on text they were not
 * shaped around. Lines starting with {@code #} are comments.
 */
final class HandwrittenSet {

    static final String RESOURCE = "/corpus/pii-handwritten.txt";

    private HandwrittenSet() { }

    static List<Sample> load() {
        return load(RESOURCE, "HAND");
    }

    /** A file in this set's format, its samples numbered {@code prefix-001}, ... */
    static List<Sample> load(String resource, String prefix) {
        try (InputStream in = HandwrittenSet.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            List<Sample> samples = new ArrayList<>();
            int n = 0;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    samples.add(parse(String.format("%s-%03d", prefix, ++n), line));
                }
            }
            return samples;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Sample parse(String id, String line) {
        StringBuilder text = new StringBuilder();
        List<Sample.Label> labels = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            int open = line.indexOf("[[", i);
            if (open < 0) {
                text.append(line, i, line.length());
                break;
            }
            int colon = line.indexOf(':', open);
            int close = line.indexOf("]]", colon);
            text.append(line, i, open);
            String value = line.substring(colon + 1, close);
            labels.add(new Sample.Label(line.substring(open + 2, colon), text.length(), text.length() + value.length()));
            text.append(value);
            i = close + 2;
        }
        return new Sample(id, "HANDWRITTEN", labels.isEmpty() ? "negative" : "positive", text.toString(), labels);
    }
}
