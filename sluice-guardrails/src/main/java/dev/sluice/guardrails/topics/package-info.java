/**
 * Denied topics: {@link dev.sluice.guardrails.topics.TopicClassifier} screens every window of a text with static
 * word-piece vectors distilled from all-MiniLM-L6-v2 ({@link dev.sluice.guardrails.topics.StaticEmbeddings}, a
 * resource; {@code TopicScreen}), and the windows that pass are confirmed by MiniLM itself, the model of record
 * ({@link dev.sluice.guardrails.topics.MiniLmEmbedder}, loaded once per process, lazily). The model's windows are
 * embedded together in few ONNX runs ({@code BatchEncoder}) and kept in an LRU cache by their text
 * ({@code TextCache}), so a conversation's re-sent history costs look-ups. A window that reaches the model costs
 * milliseconds: run checks off event loops.
 */
package dev.sluice.guardrails.topics;
