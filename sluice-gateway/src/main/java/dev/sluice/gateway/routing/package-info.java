/**
 * Routing and resilience that do not depend on the engine: the strategy SPI ({@link
 * dev.sluice.gateway.routing.RouteStrategy}) and its built-in strategies, the per-deployment circuit breaker and usage
 * window, the routes' session pins, the decayed latency estimate and the retry policy (exponential backoff with full
 * jitter). The engine's {@code Router} drives them where attempts are made.
 */
package dev.sluice.gateway.routing;
