/**
 * The response cache: the interceptor that answers a repeated request from a stored answer ({@link
 * dev.sluice.gateway.cache.ResponseCache}), its settings ({@code cache:} sections), its request keys, where answers
 * are kept ({@link dev.sluice.gateway.cache.AnswerStore}: in memory on one node, Redis in cluster mode) and the
 * opt-in semantic index over local embeddings.
 */
package dev.sluice.gateway.cache;
