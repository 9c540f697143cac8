package dev.sluice.guardrails.pii.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The word lists of the NAME detector, read from this package's resources on first use (a holder class, not at
 * start-up) and immutable after: given names, family names, and given names that are also common words or places.
 */
final class Gazetteer {

    final Set<String> givenNames;
    final Set<String> familyNames;
    final Set<String> ambiguous;

    private Gazetteer() {
        givenNames = load("first-names.txt");
        familyNames = load("surnames.txt");
        ambiguous = load("ambiguous-names.txt");
    }

    private static final class Holder {
        static final Gazetteer INSTANCE = new Gazetteer();
    }

    static Gazetteer shared() {
        return Holder.INSTANCE;
    }

    private static Set<String> load(String name) {
        try (InputStream in = Gazetteer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            Set<String> out = new HashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#")) {
                    for (String w : line.trim().split("\\s+")) {
                        if (!w.isEmpty()) {
                            out.add(w.toLowerCase(Locale.ROOT));
                        }
                    }
                }
            }
            return Set.copyOf(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
