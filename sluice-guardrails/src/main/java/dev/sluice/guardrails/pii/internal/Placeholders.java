package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.Action;
import dev.sluice.guardrails.pii.Finding;
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
        Map<String, Map<String, String>> byType = null;
        int last = 0;
        for (Finding f : findings) {
            if (f.action() == Action.NONE) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length());
                byType = new HashMap<>();
            }
            Map<String, String> values = byType.computeIfAbsent(f.type(), t -> new HashMap<>());
            String placeholder = values.computeIfAbsent(f.text(),
                    v -> values.isEmpty() ? "{" + f.type() + "}" : "{" + f.type() + "_" + (values.size() + 1) + "}");
            out.append(text, last, f.start()).append(placeholder);
            last = f.end();
        }
        return out == null ? text : out.append(text, last, text.length()).toString();
    }
}
