package dev.sluice.store.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.api.chat.Usage;
import dev.sluice.api.event.CallRecord;
import dev.sluice.api.json.Json;
import dev.sluice.spi.ConfigException;
import dev.sluice.store.Calls;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PriceCatalogTest {

    private final PriceCatalog catalog = PriceCatalog.builtIn();

    @Test
    void costIsExactToTheLastDigitWithEveryKindOfToken() {
        ModelPrice price = new ModelPrice(new BigDecimal("3"), new BigDecimal("15"), new BigDecimal("0.30"),
                new BigDecimal("3.75"), new BigDecimal("20"));
        // 1000 input of which 300 read from and 200 written to the cache; 400 output of which 100 reasoning
        Usage usage = new Usage(1000, 400, 300, 200, 100);
        BigDecimal expected = new BigDecimal("0.0015")      // 500 uncached x 3
                .add(new BigDecimal("0.00009"))             // 300 cache read x 0.30
                .add(new BigDecimal("0.00075"))             // 200 cache write x 3.75
                .add(new BigDecimal("0.002"))               // 100 reasoning x 20
                .add(new BigDecimal("0.0045"));             // 300 other output x 15
        assertThat(PriceCatalog.cost(usage, price)).isEqualByComparingTo(expected);
        assertThat(PriceCatalog.cost(usage, price).toPlainString()).isEqualTo("0.00884");
    }

    @Test
    void reasoningTokensCostTheOutputPriceWhenNoReasoningPriceIsSet() {
        ModelPrice price = ModelPrice.of("1.10", "4.40");
        assertThat(PriceCatalog.cost(new Usage(0, 1000, 0, 0, 800), price)).isEqualByComparingTo("0.0044");
    }

    @Test
    void aMillionCallsOfOneTokenAddUpWithoutRoundingDrift() {
        ModelPrice price = ModelPrice.of("0.15", "0.60");
        BigDecimal total = BigDecimal.ZERO;
        for (int i = 0; i < 1_000_000; i++) {
            total = total.add(PriceCatalog.cost(Usage.of(1, 0), price));
        }
        assertThat(total).isEqualByComparingTo("0.15");
    }

    @Test
    void upstreamIdsWithRegionVendorVersionAndDateFindTheirModel() {
        assertThat(catalog.find("us.anthropic.claude-sonnet-4-5-20250929-v1:0", null))
                .contains(catalog.find("claude-sonnet-4-5", null).orElseThrow());
        assertThat(catalog.find("gpt-4o-2024-08-06", null)).contains(catalog.find("gpt-4o", null).orElseThrow());
        assertThat(catalog.find("amazon.nova-pro-v1:0", null)).isPresent();
        assertThat(catalog.find("meta.llama3-3-70b-instruct-v1:0", null)).isPresent();
        assertThat(catalog.find("text-embedding-3-small", null)).isPresent();
        assertThat(catalog.find("gpt-4o-mini", null).orElseThrow().input()).isEqualByComparingTo("0.15");
    }

    @Test
    void theUpstreamModelWinsAndThePublicNameIsTheFallback() {
        PriceCatalog custom = catalog.withPrice("my-alias", ModelPrice.of("9", "9"));
        assertThat(custom.find("unknown-upstream", "my-alias").orElseThrow().input()).isEqualByComparingTo("9");
        assertThat(custom.find("gpt-4o", "my-alias").orElseThrow().input()).isEqualByComparingTo("2.50");
        assertThat(custom.find("nothing", "nothing-either")).isEmpty();
    }

    @Test
    void configuredPricesOverrideBuiltInOnes() throws Exception {
        PriceCatalog configured = catalog.withConfiguredModels(Json.parse("""
                [{"name": "fast", "upstream_model": "gpt-4o-mini",
                  "prices": {"input": "0.10", "output": 0.5, "cache_read": 0.01}}]"""), "models");
        ModelPrice price = configured.find("gpt-4o-mini", null).orElseThrow();
        assertThat(price.input()).isEqualByComparingTo("0.10");
        assertThat(price.output()).isEqualByComparingTo("0.5");
        assertThat(configured.find(null, "fast")).contains(price);
    }

    @Test
    void badConfiguredPricesNameTheKey() {
        assertThatThrownBy(() -> catalog.withConfiguredModels(Json.parse("""
                {"fast": {"prices": {"input": "cheap", "output": 1}}}"""), "models"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("models.fast.prices.input");
        assertThatThrownBy(() -> catalog.withConfiguredModels(Json.parse("""
                {"fast": {"prices": {"input": 1}}}"""), "models"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("input and output prices are required");
    }

    @Test
    void aCallFromSluicesCacheCostsNothingAndAnUnknownModelHasNoCost() {
        CallRecord call = Calls.full("r1", Instant.now());
        assertThat(catalog.cost(call)).contains(new BigDecimal("0.00575"));
        CallRecord unknown = Calls.simple("k", "mystery-model", Instant.now(), 10, 5, null);
        assertThat(catalog.cost(unknown)).isEmpty();
    }

    @Test
    void wholePicodollarPricingAgreesWithDecimalArithmeticToTheDigit() {
        java.util.Random random = new java.util.Random(42);
        String[] prices = {"0", "0.15", "0.6", "3", "15", "0.075", "1.25", "0.000001", "75", "0.0000001", "2.5000005",
                "123456.789012", "0.1234567"};
        for (int i = 0; i < 20_000; i++) {
            ModelPrice price = new ModelPrice(new BigDecimal(pick(prices, random)), new BigDecimal(pick(prices, random)),
                    random.nextBoolean() ? null : new BigDecimal(pick(prices, random)),
                    random.nextBoolean() ? null : new BigDecimal(pick(prices, random)),
                    random.nextBoolean() ? null : new BigDecimal(pick(prices, random)));
            long scale = random.nextInt(4) == 0 ? Long.MAX_VALUE / 1000 : 100_000;
            Usage usage = new Usage(Math.floorMod(random.nextLong(), scale), Math.floorMod(random.nextLong(), scale),
                    random.nextInt(3) == 0 ? 0 : random.nextInt(50_000), random.nextInt(3) == 0 ? 0 : random.nextInt(9),
                    random.nextInt(2) == 0 ? 0 : random.nextInt(90_000));
            long reasoning = Math.min(usage.reasoningTokens(), usage.outputTokens());
            BigDecimal decimal = price.input().multiply(BigDecimal.valueOf(usage.uncachedInputTokens()))
                    .add(price.effectiveCacheRead().multiply(BigDecimal.valueOf(usage.cacheReadTokens())))
                    .add(price.effectiveCacheWrite().multiply(BigDecimal.valueOf(usage.cacheWriteTokens())))
                    .add(price.effectiveReasoning().multiply(BigDecimal.valueOf(reasoning)))
                    .add(price.output().multiply(BigDecimal.valueOf(usage.outputTokens() - reasoning)))
                    .movePointLeft(6).stripTrailingZeros();
            assertThat(PriceCatalog.cost(usage, price)).as("%s at %s", usage, price).isEqualTo(decimal);
            assertThat(PriceCatalog.costText(usage, price)).as("%s at %s", usage, price)
                    .isEqualTo(decimal.toPlainString());
        }
    }

    @Test
    void costTextIsPlainDecimalWithoutTrailingZeros() {
        ModelPrice price = ModelPrice.of("0.15", "0.6");
        assertThat(PriceCatalog.costText(Usage.of(20, 10), price)).isEqualTo("0.000009");
        assertThat(PriceCatalog.costText(Usage.of(0, 0), price)).isEqualTo("0");
        assertThat(PriceCatalog.costText(Usage.of(10_000_000, 0), price)).isEqualTo("1.5");
        assertThat(PriceCatalog.costText(Usage.of(200_000_000, 0), price)).isEqualTo("30");
        assertThat(PriceCatalog.costText(Usage.of(1, 0), ModelPrice.of("0.0000001", "1"))).isEqualTo("0.0000000000001");
    }

    private static String pick(String[] values, java.util.Random random) {
        return values[random.nextInt(values.length)];
    }
}
