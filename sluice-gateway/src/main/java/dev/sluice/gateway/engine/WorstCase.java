package dev.sluice.gateway.engine;

import dev.sluice.api.chat.Usage;
import dev.sluice.api.embed.EmbeddingRequest;

/**
 * The most a call can use, told before it runs, for the limits and budgets that must hold it back beforehand: its
 * prompt estimated from the body's length (4 bytes a token, with no tokenizer on the loop), and its whole output limit,
 * or {@link #DEFAULT_OUTPUT_TOKENS} when it sets none. Stateless.
 */
final class WorstCase {

    /** Tokens assumed for the output of a call that sets no limit of its own. */
    static final long DEFAULT_OUTPUT_TOKENS = 1024;

    private WorstCase() { }

    static Usage of(ChatInput input) {
        long in = input.body() != null ? input.body().length / 4
                : (input.request().systemText().length() + input.request().lastUserText().length()) / 4;
        Integer out = input.peek().maxTokens();
        return Usage.of(in, out == null || out <= 0 ? DEFAULT_OUTPUT_TOKENS : out);
    }

    static Usage of(EmbeddingRequest request) {
        return Usage.of(request.input().stream().mapToLong(t -> t.length() / 4 + 1).sum(), 0);
    }

    /** A scope for people: {@code key 'key_3f9a'}, {@code use case 'uc_...'}, {@code deployment 'm'}. */
    static String describe(String scope) {
        int colon = scope.indexOf(':');
        return colon < 0 ? scope : scope.substring(0, colon).replace('_', ' ') + " '" + scope.substring(colon + 1)
                + "'";
    }
}
