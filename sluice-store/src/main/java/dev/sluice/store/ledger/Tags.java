package dev.sluice.store.ledger;

import java.util.Map;
import java.util.TreeMap;

/** Client tags as the JSON object stored in the {@code tags} column, keys in order. */
final class Tags {

    private Tags() { }

    /** Written by hand rather than through a JSON tree: this runs for every ledger row. */
    static String toJson(Map<String, String> tags) {
        if (tags.isEmpty()) {
            return "{}";
        }
        StringBuilder json = new StringBuilder(16 * tags.size() + 2).append('{');
        for (Map.Entry<String, String> tag : (tags.size() == 1 ? tags : new TreeMap<>(tags)).entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            string(json, tag.getKey()).append(':');
            string(json, tag.getValue());
        }
        return json.append('}').toString();
    }

    private static StringBuilder string(StringBuilder json, String s) {
        if (s == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (ch == 0) {
                        json.append('\uFFFD'); // jsonb cannot hold NUL; one tag must not fail a whole batch
                    } else if (ch < 0x20) {
                        json.append("\\u00").append(Character.forDigit(ch >> 4, 16))
                                .append(Character.forDigit(ch & 15, 16));
                    } else {
                        json.append(ch);
                    }
                }
            }
        }
        return json.append('"');
    }
}
