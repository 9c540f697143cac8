package dev.sluice.guardrails.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One line of the content, prompt-attack or topic corpus: {@code LABEL<TAB>[FAMILY<TAB>]TEXT}, where {@code \\uXXXX}
 * and {@code \\UXXXXXXXX} in the text stand for the character (so that zero-width and tag characters stay visible in
 * the file). Lines starting with {@code #} are comments.
 */
public record LabelledText(String label, String family, String text) {

    /** Reads {@code /corpus/<name>}; {@code withFamily} when the lines have a family column. */
    public static List<LabelledText> load(String name, boolean withFamily) {
        try (InputStream in = LabelledText.class.getResourceAsStream("/corpus/" + name)) {
            if (in == null) {
                throw new IllegalStateException("no corpus " + name);
            }
            List<LabelledText> out = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .toList()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] p = line.split("\t", withFamily ? 3 : 2);
                out.add(withFamily ? new LabelledText(p[0], p[1], unescape(p[2]))
                        : new LabelledText(p[0], p[0], unescape(p[1])));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String unescape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 5 < s.length() + 0 && s.charAt(i + 1) == 'u') {
                out.append((char) Integer.parseInt(s.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 9 < s.length() + 0 && s.charAt(i + 1) == 'U') {
                out.appendCodePoint(Integer.parseInt(s.substring(i + 2, i + 10), 16));
                i += 9;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
