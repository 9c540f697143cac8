package dev.sluice.spi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Where each key and list item of a YAML file (the config, an evaluation suite) is: its line, by the path that {@link ConfigException}s name
 * ({@code models[1].provider}), so that every config fault can point at its line. Immutable.
 */
public final class ConfigLines {

    /** For trees that were not read from a file (the embedded default, tests): no lines. */
    public static final ConfigLines NONE = new ConfigLines("", Map.of());

    private final String source;
    private final Map<String, Integer> lines;

    private ConfigLines(String source, Map<String, Integer> lines) {
        this.source = source;
        this.lines = lines;
    }

    /**
     * The lines of the document {@code parser} reads (a YAML parser over a file already known to parse);
     * {@link #NONE} if it does not parse.
     *
     * @param source the file's name, as the faults' places start with it
     */
    public static ConfigLines of(String source, JsonParser parser) {
        Map<String, Integer> lines = new HashMap<>();
        try (JsonParser p = parser) {
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    continue;
                }
                // a key, or a list item (a value whose parent context is an array)
                JsonStreamContext ctx = t == JsonToken.FIELD_NAME || !t.isStructStart() ? p.getParsingContext()
                        : p.getParsingContext().getParent();
                if (t == JsonToken.FIELD_NAME || ctx != null && ctx.inArray()) {
                    lines.putIfAbsent(path(ctx), p.currentTokenLocation().getLineNr());
                }
            }
        } catch (IOException e) {
            return NONE;
        }
        return new ConfigLines(source, Map.copyOf(lines));
    }

    private static String path(JsonStreamContext ctx) {
        Deque<String> parts = new ArrayDeque<>();
        for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
            } else if (c.getCurrentName() != null) {
                parts.push("." + c.getCurrentName());
            }
        }
        String joined = String.join("", parts);
        return joined.startsWith(".") ? joined.substring(1) : joined;
    }

    /** The line of {@code path}, or of the nearest enclosing key that has one; 0 when none does. */
    public int line(String path) {
        String p = path;
        while (!p.isEmpty()) {
            Integer line = lines.get(p);
            if (line != null) {
                return line;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut <= 0 ? "" : p.substring(0, cut);
        }
        return 0;
    }

    /**
     * {@code e} pointing at its line in this file: {@code sluice.yaml:12: models[1].provider: ...}. A fault of this
     * file's keys may name them with or without the file; one from elsewhere (a command-line option) is returned as
     * it is.
     */
    public ConfigException locate(ConfigException e) {
        if (this == NONE || e.line() > 0) {
            return e;
        }
        String where = e.where();
        String path;
        if (where.startsWith(source + ": ")) {
            path = where.substring(source.length() + 2);
        } else if (!where.contains(": ") && !where.startsWith("-") && !where.contains(" ")) {
            path = where; // a section reader that names only the key
        } else {
            return e;
        }
        int line = line(path);
        return line == 0 ? e : new ConfigException(source + ": " + path, e.problem(), line);
    }
}
