package dev.sluice.store.cost;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Known public list prices, US dollars per million tokens, as published by the vendors around November 2025
 * (on-demand, standard tier, no batch or regional discounts). They go stale: deployments override them in config.
 * Keys are normalised model ids (see {@link PriceCatalog#normalise}).
 */
final class BuiltInPrices {

    private BuiltInPrices() { }

    static Map<String, ModelPrice> table() {
        Map<String, ModelPrice> t = new LinkedHashMap<>();
        // OpenAI (cached input is the cache-read price; OpenAI does not charge cache writes apart)
        t.put("gpt-4o", ModelPrice.of("2.50", "10.00", "1.25", null));
        t.put("gpt-4o-mini", ModelPrice.of("0.15", "0.60", "0.075", null));
        t.put("gpt-4.1", ModelPrice.of("2.00", "8.00", "0.50", null));
        t.put("gpt-4.1-mini", ModelPrice.of("0.40", "1.60", "0.10", null));
        t.put("gpt-4.1-nano", ModelPrice.of("0.10", "0.40", "0.025", null));
        t.put("gpt-5", ModelPrice.of("1.25", "10.00", "0.125", null));
        t.put("gpt-5-mini", ModelPrice.of("0.25", "2.00", "0.025", null));
        t.put("gpt-5-nano", ModelPrice.of("0.05", "0.40", "0.005", null));
        t.put("o1", ModelPrice.of("15.00", "60.00", "7.50", null));
        t.put("o3", ModelPrice.of("2.00", "8.00", "0.50", null));
        t.put("o3-mini", ModelPrice.of("1.10", "4.40", "0.55", null));
        t.put("o4-mini", ModelPrice.of("1.10", "4.40", "0.275", null));
        t.put("text-embedding-3-small", ModelPrice.of("0.02", "0"));
        t.put("text-embedding-3-large", ModelPrice.of("0.13", "0"));
        t.put("text-embedding-ada-002", ModelPrice.of("0.10", "0"));
        // Anthropic (cache write = 5-minute cache write price)
        t.put("claude-opus-4-5", ModelPrice.of("5.00", "25.00", "0.50", "6.25"));
        t.put("claude-opus-4-1", ModelPrice.of("15.00", "75.00", "1.50", "18.75"));
        t.put("claude-opus-4", ModelPrice.of("15.00", "75.00", "1.50", "18.75"));
        t.put("claude-sonnet-4-5", ModelPrice.of("3.00", "15.00", "0.30", "3.75"));
        t.put("claude-sonnet-4", ModelPrice.of("3.00", "15.00", "0.30", "3.75"));
        t.put("claude-3-7-sonnet", ModelPrice.of("3.00", "15.00", "0.30", "3.75"));
        t.put("claude-haiku-4-5", ModelPrice.of("1.00", "5.00", "0.10", "1.25"));
        t.put("claude-3-5-haiku", ModelPrice.of("0.80", "4.00", "0.08", "1.00"));
        // Amazon Bedrock: Nova, Titan embeddings, Meta Llama (us-east-1 on-demand)
        t.put("nova-micro", ModelPrice.of("0.035", "0.14", "0.00875", null));
        t.put("nova-lite", ModelPrice.of("0.06", "0.24", "0.015", null));
        t.put("nova-pro", ModelPrice.of("0.80", "3.20", "0.20", null));
        t.put("nova-premier", ModelPrice.of("2.50", "12.50", "0.625", null));
        t.put("titan-embed-text", ModelPrice.of("0.02", "0"));
        t.put("llama3-1-8b-instruct", ModelPrice.of("0.22", "0.22"));
        t.put("llama3-1-70b-instruct", ModelPrice.of("0.72", "0.72"));
        t.put("llama3-3-70b-instruct", ModelPrice.of("0.72", "0.72"));
        t.put("llama4-scout-17b-instruct", ModelPrice.of("0.17", "0.66"));
        t.put("llama4-maverick-17b-instruct", ModelPrice.of("0.24", "0.97"));
        return t;
    }
}
