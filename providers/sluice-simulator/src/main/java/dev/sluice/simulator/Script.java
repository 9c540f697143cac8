package dev.sluice.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A parsed script file: JSON Lines of {@code {"match": REGEX, "reply": TEXT}} or
 * {@code {"match": REGEX, "tool_call": {"name": NAME, "arguments": {...}}}}, tried in file order. Blank lines and
 * lines starting with {@code #} or {@code //} are skipped. A regex matches anywhere in the text
 * ({@link java.util.regex.Matcher#find()}); prefix it with {@code (?i)} for case-insensitive rules. Immutable.
 */
public final class Script {

    private final List<ScriptRule> rules;

    Script(List<ScriptRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Number of rules. */
    public int size() { return rules.size(); }

    /**
     * The reply of the first rule that matches {@code text}, or null. Tool-call rules take part only when
     * {@code offeredTools} names their tool; a rule that does not apply is skipped, so a later one may match.
     */
    Reply answer(String text, Set<String> offeredTools) {
        for (ScriptRule rule : rules) {
            if (rule.isToolCall() && !offeredTools.contains(rule.toolName())) {
                continue;
            }
            Reply reply = rule.apply(text);
            if (reply != null) {
                return reply;
            }
        }
        return null;
    }

    /**
     * Reads and checks a script file.
     *
     * @param where the config key of the {@code script} option, for error messages
     * @throws ConfigException when the file cannot be read or a line is not a valid rule
     */
    static Script load(Path file, String where) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(where, "cannot read script file " + file + " (" + e.getClass().getSimpleName()
                    + ")");
        }
        List<ScriptRule> rules = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (!line.isEmpty() && !line.startsWith("#") && !line.startsWith("//")) {
                rules.add(rule(line, where + " (" + file.getFileName() + " line " + (i + 1) + ")"));
            }
        }
        return new Script(rules);
    }

    private static ScriptRule rule(String line, String where) {
        JsonNode node;
        try {
            node = Json.parse(line);
        } catch (IOException e) {
            throw new ConfigException(where, "is not a JSON object");
        }
        if (!node.isObject()) {
            throw new ConfigException(where, "is not a JSON object");
        }
        JsonNode match = node.get("match");
        if (match == null || !match.isTextual()) {
            throw new ConfigException(where, "needs \"match\": a regular expression");
        }
        Pattern pattern;
        try {
            pattern = Pattern.compile(match.asText());
        } catch (PatternSyntaxException e) {
            throw new ConfigException(where, "\"match\" is not a valid regular expression: " + e.getDescription());
        }
        JsonNode reply = node.get("reply");
        JsonNode call = node.get("tool_call");
        if ((reply == null) == (call == null)) {
            throw new ConfigException(where, "needs exactly one of \"reply\" and \"tool_call\"");
        }
        if (reply != null) {
            if (!reply.isTextual()) {
                throw new ConfigException(where, "\"reply\" must be a string");
            }
            return new ScriptRule(pattern, reply.asText(), null, null);
        }
        JsonNode name = call.path("name");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw new ConfigException(where, "\"tool_call\" needs a \"name\"");
        }
        JsonNode arguments = call.path("arguments");
        if (arguments.isMissingNode() || arguments.isNull()) {
            arguments = Json.object();
        } else if (!arguments.isObject()) {
            throw new ConfigException(where, "\"tool_call.arguments\" must be a JSON object");
        }
        return new ScriptRule(pattern, null, name.asText(), arguments);
    }
}
