package dev.sluice.server;

import dev.sluice.gateway.engine.CallContext;

/**
 * What the app may add to each chat response: a cost header, and content capture. Both run on the request thread and
 * must be cheap (capture only enqueues). Null-safe defaults are in {@link #NONE}.
 */
public interface CallObserver {

    CallObserver NONE = new CallObserver() { };

    /** The exact cost in USD for the {@code x-sluice-cost-usd} header, or null when unknown. */
    default String costUsd(CallContext call) { return null; }

    /** Whether request and response bodies should be handed to {@link #capture}. */
    default boolean capturing() { return false; }

    /** The request body and the answer as the caller received it (for streams: the assembled answer). */
    default void capture(CallContext call, byte[] requestBody, byte[] responseBody) { }
}
