package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.Finding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Masks findings with placeholders: {@code {TYPE}} for the first distinct value of a type, {@code {TYPE_2}} for the
 * second, and so on; a value seen again gets the placeholder it got first, so masked text still says which mentions
 * were the same.
 */
public final class Placeholders {

    private Placeholders() { }

    /** {@code text} with every finding whose action is not NONE replaced; findings are sorted and do not overlap. */
    public static String mask(String text, List<Finding> findings) {
        StringBuilder out = null;
        Given given = null;
        int last = 0;
        for (Finding f : findings) {
            if (f.action() == Action.NONE) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
                given = new Given();
            }
            out.append(text, last, f.start()).append(given.placeholder(f.type(), f.text()));
            last = f.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }

    /**
     * The placeholders given so far in one text. A text holds few findings, which a list searches faster than maps
     * are built; past {@value #LISTED} distinct values, maps take over, so a text with thousands stays linear.
     */
    private static final class Given {
        private static final int LISTED = 16;
        private final List<String> types = new ArrayList<>(4);
        private final List<String> values = new ArrayList<>(4);
        private final List<String> placeholders = new ArrayList<>(4);
        private Map<String, Map<String, String>> byType;

        String placeholder(String type, String value) {
            if (byType != null) {
                Map<String, String> ofType = byType.computeIfAbsent(type, t -> new HashMap<>());
                return ofType.computeIfAbsent(value, v -> name(type, ofType.size()));
            }
            int ofType = 0;
            for (int i = 0; i < types.size(); i++) {
                if (types.get(i).equals(type)) {
                    if (values.get(i).equals(value)) {
                        return placeholders.get(i);
                    }
                    ofType++;
                }
            }
            String placeholder = name(type, ofType);
            types.add(type);
            values.add(value);
            placeholders.add(placeholder);
            if (types.size() > LISTED) {
                byType = new HashMap<>();
                for (int i = 0; i < types.size(); i++) {
                    byType.computeIfAbsent(types.get(i), t -> new HashMap<>()).put(values.get(i), placeholders.get(i));
                }
            }
            return placeholder;
        }

        /** The placeholder of a type's value after {@code before} other values of that type. */
        private static String name(String type, int before) {
            return before == 0 ? "{" + type + "}" : "{" + type + "_" + (before + 1) + "}";
        }
    }
}
