package dev.sluice.store.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.spi.ConfigException;
import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Objects;
import java.util.Set;

/**
 * Prices in US dollars per million tokens.
 *
 * <p>A value class (equal prices are equal). Each price is also kept as a whole number of picodollars (10^-12 USD)
 * per token when it has at most six decimals, as every public price does, so that {@link PriceCatalog#cost} adds
 * {@code long}s on the request path instead of multiplying decimals; other prices are priced as decimals.
 */
public final class ModelPrice {

    private static final long NOT_EXACT = -1;

    private final BigDecimal input;
    private final BigDecimal output;
    private final BigDecimal cacheRead;
    private final BigDecimal cacheWrite;
    private final BigDecimal reasoning;
    /** Input, cache read, cache write, reasoning and output prices in picodollars per token; null unless all whole. */
    private final long[] picosPerToken;

    /**
     * @param input uncached input tokens
     * @param output output tokens
     * @param cacheRead input tokens read from the prompt cache; null means the input price
     * @param cacheWrite input tokens written to the prompt cache; null means the input price
     * @param reasoning reasoning tokens; null means the output price
     */
    public ModelPrice(BigDecimal input, BigDecimal output, BigDecimal cacheRead, BigDecimal cacheWrite,
                      BigDecimal reasoning) {
        this.input = Objects.requireNonNull(input, "input");
        this.output = Objects.requireNonNull(output, "output");
        this.cacheRead = cacheRead;
        this.cacheWrite = cacheWrite;
        this.reasoning = reasoning;
        long[] picos = {picos(input), picos(effectiveCacheRead()), picos(effectiveCacheWrite()),
                picos(effectiveReasoning()), picos(output)};
        this.picosPerToken = Arrays.stream(picos).allMatch(p -> p >= 0) ? picos : null;
    }

    /** Dollars per million tokens = picodollars per token times 10^-6: whole when there are at most 6 decimals. */
    private static long picos(BigDecimal perMillion) {
        try {
            return perMillion.movePointRight(6).longValueExact();
        } catch (ArithmeticException notWhole) {
            return NOT_EXACT;
        }
    }

    /**
     * The cost of these token counts in picodollars, or -1 when a price is not a whole number of picodollars per
     * token or the sum does not fit a {@code long} (then the caller prices with decimals).
     */
    long picos(long uncachedInput, long cacheReads, long cacheWrites, long reasoningTokens, long otherOutput) {
        long[] p = picosPerToken;
        if (p == null) {
            return NOT_EXACT;
        }
        try {
            return Math.addExact(Math.addExact(Math.addExact(Math.multiplyExact(p[0], uncachedInput),
                    Math.multiplyExact(p[1], cacheReads)), Math.addExact(Math.multiplyExact(p[2], cacheWrites),
                    Math.multiplyExact(p[3], reasoningTokens))), Math.multiplyExact(p[4], otherOutput));
        } catch (ArithmeticException overflow) {
            return NOT_EXACT;
        }
    }

    public BigDecimal input() { return input; }

    public BigDecimal output() { return output; }

    public BigDecimal cacheRead() { return cacheRead; }

    public BigDecimal cacheWrite() { return cacheWrite; }

    public BigDecimal reasoning() { return reasoning; }

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

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelPrice m && input.equals(m.input) && output.equals(m.output)
                && Objects.equals(cacheRead, m.cacheRead) && Objects.equals(cacheWrite, m.cacheWrite)
                && Objects.equals(reasoning, m.reasoning);
    }

    @Override
    public int hashCode() { return Objects.hash(input, output, cacheRead, cacheWrite, reasoning); }

    @Override
    public String toString() {
        return "ModelPrice[input=" + input + ", output=" + output + ", cacheRead=" + cacheRead + ", cacheWrite="
                + cacheWrite + ", reasoning=" + reasoning + "]";
    }
}
