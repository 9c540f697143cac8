package dev.sluice.evals.suite;

import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code {{var}}} substitution. Unknown variables are an error so that a typo in a suite does not silently send an
 * empty prompt. Immutable and thread-safe.
 */
public final class Template {

    private static final Pattern VAR = Pattern.compile("\\{\\{\\s*([A-Za-z0-9_.-]+)\\s*}}");

    private Template() { }

    /** Substitutes variables as they are. */
    public static String render(String template, Map<String, String> vars) {
        return render(template, vars, UnaryOperator.identity());
    }

    /** Substitutes variables passed through {@code escape} (e.g. JSON string escaping). */
    public static String render(String template, Map<String, String> vars, UnaryOperator<String> escape) {
        Matcher m = VAR.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = vars.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("template variable '" + m.group(1) + "' is not in the case");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(escape.apply(value)));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** Escapes text for use inside a JSON string literal (without the quotes). */
    public static String jsonEscape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
