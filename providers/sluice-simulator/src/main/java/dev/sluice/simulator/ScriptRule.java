package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sluice.api.json.Json;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code match -> reply} rule of a script. Exactly one of {@code reply} and {@code toolName} is set.
 * {@code $1}..{@code $9}... in the reply text and in the string values of the tool arguments are replaced by the
 * groups of the match ({@code $$} is a literal dollar sign).
 *
 * @param toolArguments the arguments object template of a tool call; null for text rules
 */
record ScriptRule(Pattern match, String reply, String toolName, JsonNode toolArguments) {

    ScriptRule {
        Objects.requireNonNull(match, "match");
        if ((reply == null) == (toolName == null)) {
            throw new IllegalArgumentException("a rule has either a reply or a tool call");
        }
    }

    boolean isToolCall() { return toolName != null; }

    /** This rule's reply to {@code text} with its groups filled in, or null when the rule does not match. */
    Reply apply(String text) {
        Matcher m = match.matcher(text);
        if (!m.find()) {
            return null;
        }
        if (reply != null) {
            return new Reply.Text(expand(reply, m));
        }
        return new Reply.ToolCall(toolName, Json.text(expandStrings(toolArguments, m)));
    }

    private static JsonNode expandStrings(JsonNode node, Matcher m) {
        if (node.isTextual()) {
            return TextNode.valueOf(expand(node.asText(), m));
        }
        if (node.isObject()) {
            ObjectNode copy = Json.object();
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                copy.set(e.getKey(), expandStrings(e.getValue(), m));
            }
            return copy;
        }
        if (node.isArray()) {
            ArrayNode copy = Json.MAPPER.createArrayNode();
            node.forEach(child -> copy.add(expandStrings(child, m)));
            return copy;
        }
        return node;
    }

    /** Replaces {@code $N} by group N (empty when the group did not take part) and {@code $$} by {@code $}. */
    static String expand(String template, Matcher m) {
        if (template.indexOf('$') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 16);
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c == '$' && i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
            } else if (c == '$' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int end = i + 1;
                int group = 0;
                while (end < template.length() && Character.isDigit(template.charAt(end))
                        && group * 10 + (template.charAt(end) - '0') <= m.groupCount()) {
                    group = group * 10 + (template.charAt(end) - '0');
                    end++;
                }
                if (end == i + 1) {
                    out.append(c);
                    i++;
                    continue;
                }
                String value = m.group(group);
                out.append(value == null ? "" : value);
                i = end;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }
}
