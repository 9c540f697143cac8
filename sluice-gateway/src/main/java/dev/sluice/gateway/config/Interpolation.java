package dev.sluice.gateway.config;

import dev.sluice.spi.ConfigException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in config strings with environment values. {@code $${...}}
 * escapes to a literal {@code ${...}}. A variable that is unset and has no default is an error naming the key.
 */
final class Interpolation {

    private static final Pattern VAR = Pattern.compile("\\$(\\$?)\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private final Map<String, String> env;

    Interpolation(Map<String, String> env) {
        this.env = env;
    }

    String apply(String value, String where) {
        if (value.indexOf('$') < 0) {
            return value;
        }
        Matcher m = VAR.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (!m.group(1).isEmpty()) {
                replacement = m.group().substring(1);
            } else {
                String v = env.get(m.group(2));
                if (v == null || v.isEmpty()) {
                    v = m.group(3);
                }
                if (v == null) {
                    throw new ConfigException(where,
                            "environment variable " + m.group(2) + " is not set (use ${" + m.group(2)
                                    + ":-default} to give a default)");
                }
                replacement = v;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
