package dev.sluice.evals.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * The small JSON path subset needed to find an answer: {@code $}, {@code .field}, {@code ['field']} and {@code [n]}.
 */
public final class JsonPath {

    private JsonPath() { }

    /** The node at {@code path}, or a missing node. Throws IllegalArgumentException on a malformed path. */
    public static JsonNode read(JsonNode root, String path) {
        String p = path.trim();
        if (!p.startsWith("$")) {
            throw new IllegalArgumentException("JSON path must start with '$': " + path);
        }
        JsonNode node = root;
        int i = 1;
        while (i < p.length() && node != null && !node.isMissingNode()) {
            char c = p.charAt(i);
            if (c == '.') {
                int end = i + 1;
                while (end < p.length() && p.charAt(end) != '.' && p.charAt(end) != '[') {
                    end++;
                }
                node = node.path(p.substring(i + 1, end));
                i = end;
            } else if (c == '[') {
                int end = p.indexOf(']', i);
                if (end < 0) {
                    throw new IllegalArgumentException("unclosed '[' in JSON path " + path);
                }
                String inside = p.substring(i + 1, end).trim();
                if (inside.startsWith("'") || inside.startsWith("\"")) {
                    node = node.path(inside.substring(1, inside.length() - 1));
                } else {
                    node = node.path(Integer.parseInt(inside));
                }
                i = end + 1;
            } else {
                throw new IllegalArgumentException("unexpected '" + c + "' in JSON path " + path);
            }
        }
        return node == null ? MissingNode.getInstance() : node;
    }
}
