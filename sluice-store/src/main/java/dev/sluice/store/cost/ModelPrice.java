package dev.sluice.store.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigException;
import java.math.BigDecimal;
import java.util.Objects;
import java.util.Set;

/**
 * Prices in US dollars per million tokens.
 *
 * @param input uncached input tokens
 * @param output output tokens
 * @param cacheRead input tokens read from the prompt cache; null means the input price
 * @param cacheWrite input tokens written to the prompt cache; null means the input price
 * @param reasoning reasoning tokens; null means the output price
 */
public record ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite,
                         BigDecimal reasoning) {

    public ModelPrice {
        Objects.requireNonNull(input, "input");
        Objects.requireNonNull(output, "output");
    }

    public static ModelPrice of(String input, String output) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(output), null, null, null);
    }

    public static ModelPrice of(String input, String output, String cacheRead, String cacheWrite) {
        return new ModelPrice(new BigDecimal(input), new BigDecimal(output), decimal(cacheRead), decimal(cacheWrite),
                null);
    }

    public BigDecimal effectiveCacheRead() { return cacheRead == null ? input : cacheRead; }

    public BigDecimal effectiveCacheWrite() { return cacheWrite == null ? input : cacheWrite; }

    public BigDecimal effectiveReasoning() { return reasoning == null ? output : reasoning; }

    /**
     * Reads a model entry's {@code prices}: {@code {input, output, cache_read, cache_write, reasoning}}, dollars per
     * million tokens, as numbers or numeric strings; {@code input} and {@code output} are required.
     *
     * @param where the configuration path of the node, for error messages
     */
    public static ModelPrice fromJson(JsonNode prices, String where) {
        if (prices == null || !prices.isObject()) {
            throw new ConfigException(where, "must be an object with input and output prices per million tokens");
        }
        Set<String> known = Set.of("input", "output", "cache_read", "cache_write", "reasoning");
        prices.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                throw new ConfigException(where + "." + name, "unknown price (known: " + String.join(", ",
                        new java.util.TreeSet<>(known)) + ")");
            }
        });
        BigDecimal input = price(prices, "input", where);
        BigDecimal output = price(prices, "output", where);
        if (input == null || output == null) {
            throw new ConfigException(where, "input and output prices are required");
        }
        return new ModelPrice(input, output, price(prices, "cache_read", where), price(prices, "cache_write", where),
                price(prices, "reasoning", where));
    }

    private static BigDecimal price(JsonNode prices, String key, String where) {
        JsonNode node = prices.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        try {
            BigDecimal value = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
            if (value.signum() < 0) {
                throw new ConfigException(where + "." + key, "must not be negative, got " + node);
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ConfigException(where + "." + key, "must be a number of dollars per million tokens, got " + node);
        }
    }

    private static BigDecimal decimal(String s) { return s == null ? null : new BigDecimal(s); }
}
