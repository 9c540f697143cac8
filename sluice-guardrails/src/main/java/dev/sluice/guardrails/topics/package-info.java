/**
 * Denied topics: {@link dev.sluice.guardrails.topics.TopicClassifier} compares a text's sentences with each topic's
 * definition and examples by cosine similarity of all-MiniLM-L6-v2 embeddings ({@link
 * dev.sluice.guardrails.topics.MiniLmEmbedder}, loaded once per process, lazily). A text's windows are embedded
 * together in few ONNX runs ({@code BatchEncoder}) and kept in an LRU cache by their text ({@code EmbeddingCache}), so
 * a conversation's re-sent history costs look-ups. Slow next to the other policies on new text (milliseconds per
 * sentence): run it off event loops.
 */
package dev.sluice.guardrails.topics;
