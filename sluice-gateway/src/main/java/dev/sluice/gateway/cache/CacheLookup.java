package dev.sluice.gateway.cache;

import dev.sluice.api.chat.ChatRequest;
import dev.sluice.api.event.Caller;

/**
 * One call's place in the cache: its policy, its exact key and, when its name has a semantic cache and the request
 * can be matched semantically, the context its prompt is compared in and the prompt's text (its embedding once
 * computed). Confined to the call's thread, but for {@link #vector}, which a worker sets before the call goes on.
 */
final class CacheLookup {

    final CachePolicy policy;
    final String exactKey;
    /** Null when the request is not matched semantically. */
    final String semanticContext;
    final String prompt;
    /** The prompt's embedding, once computed on a worker; null before. */
    volatile float[] vector;

    private CacheLookup(CachePolicy policy, String exactKey, String semanticContext, String prompt) {
        this.policy = policy;
        this.exactKey = exactKey;
        this.semanticContext = semanticContext;
        this.prompt = prompt;
    }

    static CacheLookup of(CachePolicy policy, Caller caller, ChatRequest request) {
        String scope = scope(policy.scope(), caller);
        String exact = CacheKey.exact(scope, request);
        CachePolicy.Semantic semantic = policy.semantic();
        if (semantic == null || !semantic.multiTurn() && CacheKey.turns(request) != 1) {
            return new CacheLookup(policy, exact, null, null);
        }
        String context = CacheKey.semanticContext(scope, request);
        return new CacheLookup(policy, exact, context, context == null ? null : request.messages().getLast().text());
    }

    boolean semantic() { return semanticContext != null; }

    /**
     * Who shares entries: {@code team:<id>}, {@code use_case:<id>} or {@code key:<id>}; a caller without the team or
     * use case asked for shares only with its own key.
     */
    static String scope(CachePolicy.Scope scope, Caller caller) {
        if (caller == null) {
            return "key:";
        }
        String key = "key:" + caller.keyId();
        return switch (scope) {
            case TEAM -> caller.teamId() == null ? key : "team:" + caller.teamId();
            case USE_CASE -> caller.useCaseId() == null ? key : "use_case:" + caller.useCaseId();
            case KEY -> key;
        };
    }
}
