package dev.sluice.store.cost;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.api.chat.Usage;
import dev.sluice.api.event.CallRecord;
import dev.sluice.spi.ConfigException;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Prices per model, looked up by upstream model id first and public model name second, and the exact cost of a call.
 *
 * <p>Immutable (apart from a cache of lookups) and thread-safe; {@code with...} methods return new catalogs. Ids are compared after
 * {@link #normalise normalisation}, so {@code us.anthropic.claude-sonnet-4-5-20250929-v1:0},
 * {@code claude-sonnet-4-5-20250929} and {@code claude-sonnet-4-5} share one price.
 */
public final class PriceCatalog {

    private static final int PICO_SCALE = 12;
    private static final long PICOS_PER_DOLLAR = 1_000_000_000_000L;

    private static final Pattern REGION = Pattern.compile("^(us|eu|apac|global|us-gov|jp|au)\\.");
    private static final Pattern VENDOR = Pattern.compile("^(anthropic|amazon|meta|mistral|cohere|openai|ai21)[./]");
    private static final Pattern VERSION = Pattern.compile("(-v\\d+)?(:\\d+)?$");
    private static final Pattern DATE = Pattern.compile("-(\\d{8}|\\d{4}-\\d{2}-\\d{2})$");

    /** Model ids seen in calls at most, for {@link #found}. */
    private static final int FOUND_CAPACITY = 4_096;

    private final Map<String, ModelPrice> prices;
    /** Lookups already made, by the id as given: normalising takes four regular expressions per call otherwise. */
    private final Map<String, Optional<ModelPrice>> found = new ConcurrentHashMap<>();

    private PriceCatalog(Map<String, ModelPrice> prices) {
        this.prices = Map.copyOf(prices);
    }

    /** The built-in list prices (see the table's date; override stale ones in config). */
    public static PriceCatalog builtIn() {
        return new PriceCatalog(BuiltInPrices.table());
    }

    public static PriceCatalog empty() {
        return new PriceCatalog(Map.of());
    }

    /** This catalog with {@code price} for {@code model} (an upstream id or public name), replacing any. */
    public PriceCatalog withPrice(String model, ModelPrice price) {
        Map<String, ModelPrice> copy = new HashMap<>(prices);
        copy.put(normalise(model), price);
        return new PriceCatalog(copy);
    }

    /**
     * This catalog with the {@code prices} of the configured model entries. {@code models} is either an array of
     * objects with {@code name}, optional {@code upstream_model} and optional {@code prices}, or an object from name
     * to such an entry. Entries without {@code prices} keep the built-in price. The price is registered under the
     * public name and the upstream model id.
     *
     * @param where the configuration path of {@code models}, for error messages
     */
    public PriceCatalog withConfiguredModels(JsonNode models, String where) {
        if (models == null || models.isNull() || models.isMissingNode()) {
            return this;
        }
        PriceCatalog result = this;
        if (models.isArray()) {
            for (int i = 0; i < models.size(); i++) {
                JsonNode entry = models.get(i);
                result = result.withEntry(entry.path("name").asText(null), entry, where + "[" + i + "]");
            }
        } else if (models.isObject()) {
            for (var it = models.fields(); it.hasNext(); ) {
                var field = it.next();
                result = result.withEntry(field.getKey(), field.getValue(), where + "." + field.getKey());
            }
        } else {
            throw new ConfigException(where, "must be a list or a map of model entries");
        }
        return result;
    }

    private PriceCatalog withEntry(String name, JsonNode entry, String where) {
        JsonNode pricesNode = entry.get("prices");
        if (pricesNode == null || pricesNode.isNull()) {
            return this;
        }
        ModelPrice price = ModelPrice.fromJson(pricesNode, where + ".prices");
        PriceCatalog result = this;
        if (name != null && !name.isBlank()) {
            result = result.withPrice(name, price);
        }
        String upstream = entry.path("upstream_model").asText(entry.path("model").asText(null));
        if (upstream != null && !upstream.isBlank()) {
            result = result.withPrice(upstream, price);
        }
        if (result == this) {
            throw new ConfigException(where, "an entry with prices needs a name or an upstream_model");
        }
        return result;
    }

    /** The price of {@code upstreamModel}, else of {@code publicModel}; either may be null. */
    public Optional<ModelPrice> find(String upstreamModel, String publicModel) {
        return lookup(upstreamModel).or(() -> lookup(publicModel));
    }

    private Optional<ModelPrice> lookup(String model) {
        if (model == null) {
            return Optional.empty();
        }
        Optional<ModelPrice> price = found.get(model);
        if (price == null) {
            price = resolve(model);
            if (found.size() < FOUND_CAPACITY) { // ids come from configuration and upstreams: few, but not trusted
                found.put(model, price);
            }
        }
        return price;
    }

    private Optional<ModelPrice> resolve(String model) {
        if (model.isBlank()) {
            return Optional.empty();
        }
        ModelPrice exact = prices.get(model.toLowerCase(Locale.ROOT));
        return Optional.ofNullable(exact != null ? exact : prices.get(normalise(model)));
    }

    /**
     * The exact cost of {@code call} in US dollars, or empty when no price is known for its model. A response served
     * from Sluice's own cache costs nothing. Uncached input is charged at the input price, cache reads and writes at
     * their prices, reasoning tokens (part of the output) at the reasoning price, the rest of the output at the
     * output price. Answers the call dropped for a content-policy fallback ({@link
     * dev.sluice.api.event.AttemptRecord#usage}) are added, each at its own upstream model's price; when one of those
     * has no price, neither has the call.
     */
    public Optional<BigDecimal> cost(CallRecord call) {
        if (call.outcome().cacheHit()) {
            return Optional.of(BigDecimal.ZERO);
        }
        Optional<BigDecimal> cost = cost(call.outcome().usage(), call.routing().upstreamModel(), call.request().model());
        for (var a : call.routing().attemptLog()) {
            if (a.usage() != null) {
                Optional<BigDecimal> dropped = cost(a.usage(), a.upstreamModel(), a.deployment());
                cost = cost.flatMap(c -> dropped.map(c::add));
            }
        }
        return cost;
    }

    private Optional<BigDecimal> cost(Usage usage, String upstreamModel, String publicModel) {
        if (usage.inputTokens() == 0 && usage.outputTokens() == 0) {
            return Optional.of(BigDecimal.ZERO);
        }
        return find(upstreamModel, publicModel).map(price -> cost(usage, price));
    }

    /** The exact cost of {@code usage} at {@code price}, without trailing zeros. */
    public static BigDecimal cost(Usage usage, ModelPrice price) {
        long picos = picos(usage, price);
        if (picos >= 0) {
            return BigDecimal.valueOf(picos, PICO_SCALE).stripTrailingZeros();
        }
        long reasoning = reasoningTokens(usage);
        BigDecimal perMillion = price.input().multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
                .add(price.effectiveCacheRead().multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
                .add(price.effectiveCacheWrite().multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                .add(price.effectiveReasoning().multiply(BigDecimal.valueOf(reasoning)))
                .add(price.output().multiply(BigDecimal.valueOf(usage.outputTokens() - reasoning)));
        return perMillion.movePointLeft(6).stripTrailingZeros(); // exactly perMillion / 1 000 000
    }

    /**
     * {@link #cost(Usage, ModelPrice)} as plain decimal text ({@code 0.00884}, {@code 12}), as the cost header sends
     * it: written straight from whole picodollars when the prices allow, which is most of the time.
     */
    public static String costText(Usage usage, ModelPrice price) {
        long picos = picos(usage, price);
        if (picos < 0) {
            return cost(usage, price).toPlainString();
        }
        long dollars = picos / PICOS_PER_DOLLAR;
        long fraction = picos % PICOS_PER_DOLLAR;
        if (fraction == 0) {
            return Long.toString(dollars);
        }
        int digits = PICO_SCALE;
        while (fraction % 10 == 0) {
            fraction /= 10;
            digits--;
        }
        String f = Long.toString(fraction);
        return dollars + "." + "0".repeat(digits - f.length()) + f;
    }

    /** The cost in whole picodollars, or -1 when it must be priced with decimals. */
    /**
     * The cost of {@code usage} at {@code price} in micro-dollars, rounded up, without BigDecimal when the price
     * allows (every public price does): the budgets' per-call figure, on the event loops.
     */
    public static long costMicros(Usage usage, ModelPrice price) {
        long picos = picos(usage, price);
        if (picos >= 0) {
            return (picos + 999_999) / 1_000_000;
        }
        return cost(usage, price).movePointRight(6).setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }

    private static long picos(Usage usage, ModelPrice price) {
        long reasoning = reasoningTokens(usage);
        return price.picos(usage.uncachedInputTokens(), usage.cacheReadTokens(), usage.cacheWriteTokens(), reasoning,
                usage.outputTokens() - reasoning);
    }

    /** Reasoning tokens are part of the output: never more than it. */
    private static long reasoningTokens(Usage usage) {
        return Math.min(usage.reasoningTokens(), usage.outputTokens());
    }

    /**
     * The catalog key of a model id: lower case, without a Bedrock region or vendor prefix, a version suffix
     * ({@code -v1:0}) or a release date ({@code -20250929}, {@code -2024-08-06}).
     */
    public static String normalise(String model) {
        String id = model.trim().toLowerCase(Locale.ROOT);
        id = REGION.matcher(id).replaceFirst("");
        id = VENDOR.matcher(id).replaceFirst("");
        id = VERSION.matcher(id).replaceFirst("");
        return DATE.matcher(id).replaceFirst("");
    }
}
