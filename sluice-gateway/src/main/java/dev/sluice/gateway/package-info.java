/**
 * The gateway engine: config, the model registry, the interceptor chain, attempts with timeouts, and the events that
 * listeners (ledger, metrics, traces) observe. No HTTP here: the server module adapts it to the wire.
 */
package dev.sluice.gateway;
