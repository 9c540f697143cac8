package dev.sluice.guardrails.bedrock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.guardrails.definition.ContentFilterConfig;
import dev.sluice.guardrails.definition.GroundingFilterConfig;
import dev.sluice.guardrails.definition.GuardrailConfig;
import dev.sluice.guardrails.definition.TopicConfig;
import dev.sluice.guardrails.definition.ManagedWordsConfig;
import dev.sluice.guardrails.definition.PiiEntityConfig;
import dev.sluice.guardrails.definition.RegexConfig;
import dev.sluice.guardrails.definition.Sides;
import dev.sluice.guardrails.definition.WordConfig;
import dev.sluice.spi.ConfigBinder;
import dev.sluice.spi.ConfigException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Guardrail definitions in Bedrock's control-plane JSON: read from a {@code CreateGuardrail}/{@code UpdateGuardrail}
 * body or a YAML entry, kept in the database in the request's shape, and written in {@code GetGuardrail}'s shape
 * ({@code sensitiveInformationPolicy.piiEntities}, where the request says {@code ...Config.piiEntitiesConfig}).
 * Stateless and thread-safe.
 */
public final class GuardrailJson {

    /** Where faults of an API body are placed before they are renamed for the caller. */
    private static final String BODY = "body";
    private static final Pattern CAMEL = Pattern.compile("[a-z][a-zA-Z0-9]*");
    private static final ObjectMapper STORED = JsonMapper.builder()
            .serializationInclusion(JsonInclude.Include.NON_NULL).build();

    private GuardrailJson() { }

    /**
     * Binds the definition in an API body whose request-only fields ({@code clientRequestToken}) were taken out.
     *
     * @throws BedrockValidation naming the field in Bedrock's spelling
     */
    public static GuardrailConfig fromApi(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new BedrockValidation(null, "The body must be a JSON object.");
        }
        checkKeys(body, "");
        try {
            return ConfigBinder.bind(BedrockNames.toSnake(body), GuardrailConfig.class, BODY);
        } catch (ConfigException e) {
            throw renamed(e);
        }
    }

    /**
     * Binds a YAML definition (snake_case keys) whose {@code id} and {@code version} were taken out.
     *
     * @param where its place ({@code guardrails.definitions[0]}), which faults start with
     * @throws ConfigException naming the key
     */
    public static GuardrailConfig fromConfig(JsonNode node, String where) {
        GuardrailConfig c = ConfigBinder.bind(node, GuardrailConfig.class, where);
        if (c == null) {
            throw new ConfigException(where, "must be a mapping with name, blocked_input_messaging, ...");
        }
        return c;
    }

    /** The definition as stored: Bedrock's request shape, only the fields that are set. */
    public static ObjectNode toStored(GuardrailConfig config) {
        return STORED.valueToTree(config);
    }

    /** A stored definition, checked again as it is read. */
    public static GuardrailConfig fromStored(JsonNode stored) {
        return ConfigBinder.bind(BedrockNames.toSnake(stored), GuardrailConfig.class, "stored guardrail");
    }

    /** Adds {@code GetGuardrail}'s definition fields to {@code out}: messages and the policies, actions resolved. */
    public static void writeDefinition(GuardrailConfig c, ObjectNode out) {
        out.put("name", c.name());
        if (c.description() != null) {
            out.put("description", c.description());
        }
        out.put("blockedInputMessaging", c.blockedInputMessaging());
        out.put("blockedOutputsMessaging", c.blockedOutputsMessaging());
        var sensitive = c.sensitiveInformationPolicyConfig();
        if (sensitive != null) {
            ObjectNode policy = out.putObject("sensitiveInformationPolicy");
            ArrayNode entities = policy.putArray("piiEntities");
            for (PiiEntityConfig e : sensitive.piiEntitiesConfig()) {
                sides(entities.addObject().put("type", e.type()).put("action", e.action()), e.sides());
            }
            ArrayNode regexes = policy.putArray("regexes");
            for (RegexConfig r : sensitive.regexesConfig()) {
                ObjectNode o = regexes.addObject().put("name", r.name());
                if (r.description() != null) {
                    o.put("description", r.description());
                }
                sides(o.put("pattern", r.pattern()).put("action", r.action()), r.sides());
            }
        }
        var words = c.wordPolicyConfig();
        if (words != null) {
            ObjectNode policy = out.putObject("wordPolicy");
            ArrayNode list = policy.putArray("words");
            for (WordConfig w : words.wordsConfig()) {
                sides(list.addObject().put("text", w.text()), w.sides());
            }
            ArrayNode managed = policy.putArray("managedWordLists");
            for (ManagedWordsConfig m : words.managedWordListsConfig()) {
                sides(managed.addObject().put("type", m.type()), m.sides());
            }
        }
        contentAndTopics(c, out);
    }

    private static void contentAndTopics(GuardrailConfig c, ObjectNode out) {
        if (c.contentPolicyConfig() != null) {
            ObjectNode contentPolicy = out.putObject("contentPolicy");
            ArrayNode filters = contentPolicy.putArray("filters");
            if (c.contentPolicyConfig().judgeModel() != null) {
                contentPolicy.put("judgeModel", c.contentPolicyConfig().judgeModel()); // Sluice's, not Bedrock's
            }
            for (ContentFilterConfig f : c.contentPolicyConfig().filtersConfig()) {
                ObjectNode o = filters.addObject().put("type", f.type()).put("inputStrength", f.inputStrength())
                        .put("outputStrength", f.outputStrength());
                o.putArray("inputModalities").add("TEXT");
                o.putArray("outputModalities").add("TEXT");
                sides(o, f.sides());
            }
        }
        if (c.topicPolicyConfig() != null) {
            ObjectNode policy = out.putObject("topicPolicy");
            ArrayNode topics = policy.putArray("topics");
            policy.putObject("tier").put("tierName", c.topicPolicyConfig().tier().name());
            if (c.topicPolicyConfig().judgeModel() != null) {
                policy.put("judgeModel", c.topicPolicyConfig().judgeModel()); // Sluice's, not Bedrock's
            }
            for (TopicConfig t : c.topicPolicyConfig().topicsConfig()) {
                ObjectNode o = topics.addObject().put("name", t.name()).put("definition", t.definition());
                t.examples().forEach(o.putArray("examples")::add);
                sides(o.put("type", t.type()), t.sides());
            }
        }
        if (c.contextualGroundingPolicyConfig() != null) {
            ArrayNode filters = out.putObject("contextualGroundingPolicy").putArray("filters");
            for (GroundingFilterConfig f : c.contextualGroundingPolicyConfig().filtersConfig()) {
                filters.addObject().put("type", f.type()).put("threshold", f.threshold())
                        .put("action", f.actionOrDefault().name()).put("enabled", f.isEnabled());
            }
        }
    }

    private static void sides(ObjectNode o, Sides s) {
        o.put("inputAction", s.input().name()).put("outputAction", s.output().name())
                .put("inputEnabled", s.inputEnabled()).put("outputEnabled", s.outputEnabled());
    }

    /** Refuses keys that are not Bedrock-style camelCase names, so that renaming them cannot make them known. */
    private static void checkKeys(JsonNode node, String path) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String at = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                if (!CAMEL.matcher(e.getKey()).matches()) {
                    throw new BedrockValidation(at, "unknown field");
                }
                checkKeys(e.getValue(), at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                checkKeys(node.get(i), path + "[" + i + "]");
            }
        }
    }

    /** A binder's fault as the API's: the field in camelCase, without the body's place. */
    static BedrockValidation renamed(ConfigException e) {
        String where = e.where();
        String field = where.equals(BODY) ? "" : where.startsWith(BODY + ".") ? where.substring(BODY.length() + 1)
                : where;
        String problem = e.problem();
        int known = problem.indexOf("(known: ");
        if (known >= 0) {
            String list = problem.substring(known + 8, problem.length() - 1);
            StringBuilder names = new StringBuilder();
            for (String n : list.split(", ")) {
                names.append(names.isEmpty() ? "" : ", ").append(BedrockNames.camel(n));
            }
            problem = problem.substring(0, known) + "(known: " + names + ")";
        }
        problem = problem.replace("unknown key", "unknown field");
        return new BedrockValidation(BedrockNames.camel(field), problem);
    }
}
