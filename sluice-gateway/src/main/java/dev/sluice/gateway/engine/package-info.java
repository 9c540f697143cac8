/**
 * The call engine. {@link dev.sluice.gateway.engine.Gateway} runs each call through the interceptors listed in one
 * place ({@link dev.sluice.gateway.engine.Interceptors}), ending in the provider invoker, and tells listeners what
 * happened.
 */
package dev.sluice.gateway.engine;
