package dev.sluice.spi;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds a config section (a tree read from YAML, {@code ${ENV}} already interpolated) to a record whose components
 * are its keys in snake_case. Unknown keys, values of the wrong kind and anything the record refuses are one
 * {@link ConfigException} naming the section's place and the key's path in it ({@code sluice.yaml: server.port}),
 * with the keys it knows. Whole numbers and true/false may be written as text, since interpolated values are text.
 * A missing or null section binds to null. Stateless and thread-safe.
 *
 * <p>Records check their own values by throwing {@link Invalid} (naming the component) from their compact
 * constructor, or {@link ConfigException} when they know the whole place.
 */
public final class ConfigBinder {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .build();

    private ConfigBinder() { }

    /** A value a record refuses: {@code key} is the component's config name, relative to the record. */
    public static final class Invalid extends RuntimeException {
        private final String key;

        public Invalid(String key, String problem) {
            super(problem, null, false, false);
            this.key = key;
        }

        public String key() { return key; }
    }

    /**
     * Binds {@code node} to {@code type}.
     *
     * @param where the node's place, as {@link ConfigException#where} names it: {@code sluice.yaml: server}, or
     *     {@code sluice.yaml} for the whole document
     * @return null when {@code node} is null, missing or a YAML null
     */
    public static <T> T bind(JsonNode node, Class<T> type, String where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        try {
            return MAPPER.treeToValue(node, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException(at(where, e.getPath()), "unknown key (known: " + known(e.getKnownPropertyIds())
                    + ")");
        } catch (MismatchedInputException e) { // a value of another kind (InvalidFormatException included)
            throw new ConfigException(at(where, e.getPath()), "must be " + expected(e.getTargetType()) + ", not "
                    + describe(nodeAt(node, e.getPath())));
        } catch (JsonMappingException e) { // what a record refused (ValueInstantiationException), or another fault
            Throwable cause = e.getCause();
            if (cause instanceof ConfigException c) {
                throw c;
            }
            if (cause instanceof Invalid invalid) {
                throw new ConfigException(join(at(where, e.getPath()), invalid.key()), invalid.getMessage());
            }
            throw new ConfigException(at(where, e.getPath()), e instanceof ValueInstantiationException
                    && cause != null ? cause.getMessage() : e.getOriginalMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new ConfigException(where, e.getOriginalMessage());
        }
    }

    /**
     * Binds {@code node}, a list, to a list of {@code element}; null when it is missing or null.
     *
     * @throws ConfigException naming {@code where} when it is not a list, or the element and key that is wrong
     */
    public static <T> List<T> bindList(JsonNode node, Class<T> element, String where) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isArray()) {
            throw new ConfigException(where, "must be a list, not " + describe(node));
        }
        java.util.ArrayList<T> out = new java.util.ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            JsonNode item = node.get(i);
            String at = where + "[" + i + "]";
            if (item == null || item.isNull()) {
                throw new ConfigException(at, "must be a mapping (key: value), not nothing");
            }
            out.add(bind(item, element, at));
        }
        return out;
    }

    /**
     * A whole number within bounds, or {@code fallback} when it was not given.
     *
     * @param where the key's place, for the message
     */
    public static long range(Long value, long fallback, long min, long max, String where) {
        if (value == null) {
            return fallback;
        }
        if (value < min || value > max) {
            throw new ConfigException(where, "must be between " + min + " and " + max + ", not " + value);
        }
        return value;
    }

    /** {@code value}, which must be given and not blank. */
    public static String required(String value, String where) {
        if (value == null || value.isBlank()) {
            throw new ConfigException(where, "is required");
        }
        return value;
    }

    /**
     * {@code where} extended by a key: {@code file: a.b} from {@code file: a}; {@code file: a} from a file's name
     * ({@code sluice.yaml}, {@code <embedded default>}); {@code a.b} from a bare section name ({@code a}), which
     * {@code ConfigLines} later places in its file.
     */
    public static String join(String where, String key) {
        if (key == null || key.isEmpty()) {
            return where;
        }
        if (key.startsWith("[")) {
            return where + key;
        }
        boolean file = !where.contains(": ") && (where.endsWith(".yaml") || where.endsWith(".yml")
                || where.endsWith(".json") || where.startsWith("<") || where.contains("/"));
        return file ? where + ": " + key : where + "." + key;
    }

    private static String at(String where, List<JsonMappingException.Reference> path) {
        String out = where;
        for (JsonMappingException.Reference r : path) {
            out = r.getFieldName() != null ? join(out, r.getFieldName())
                    : r.getIndex() >= 0 ? out + "[" + r.getIndex() + "]" : out;
        }
        return out;
    }

    private static JsonNode nodeAt(JsonNode root, List<JsonMappingException.Reference> path) {
        JsonNode n = root;
        for (JsonMappingException.Reference r : path) {
            if (n == null) {
                return null;
            }
            n = r.getFieldName() != null ? n.get(r.getFieldName()) : r.getIndex() >= 0 ? n.get(r.getIndex()) : n;
        }
        return n;
    }

    private static String known(Collection<Object> ids) {
        TreeSet<String> names = new TreeSet<>();
        if (ids != null) {
            ids.forEach(id -> names.add(String.valueOf(id)));
        }
        return String.join(", ", names);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "a value of another kind";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class || type.isEnum()) {
            return "a text value";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || JsonNode.class.isAssignableFrom(type)) {
            return "a mapping (key: value)";
        }
        return "a value of another kind";
    }

    /** What a value is, for messages: {@code text 'abc'}, {@code a list}, ... */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "a mapping";
            case STRING -> "text '" + n.asText() + "'";
            case NUMBER -> "the number " + n.asText();
            case BOOLEAN -> n.asText();
            case NULL -> "nothing";
            default -> "nothing";
        };
    }
}
