package dev.sluice.guardrails.words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The managed profanity list: common English swear words and vulgar terms with their usual inflections, one per line
 * in {@code profanity-en.txt} next to this class ({@code #} starts a comment). Slurs against groups are left to the
 * content filters' HATE category.
 */
public final class ProfanityList {

    static final String RESOURCE = "profanity-en.txt";

    private ProfanityList() { }

    /** Reads the list from the module's resources. */
    public static List<String> load() {
        try (InputStream in = ProfanityList.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the profanity list " + RESOURCE + " is missing from the classpath");
            }
            List<String> words = new ArrayList<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word);
                }
            }
            return List.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
