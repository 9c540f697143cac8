/**
 * Denied topics: {@link dev.sluice.guardrails.topics.TopicClassifier} compares a text's sentences with each topic's
 * definition and examples by cosine similarity of all-MiniLM-L6-v2 embeddings ({@link
 * dev.sluice.guardrails.topics.MiniLmEmbedder}, loaded once per process, lazily). Slow next to the other policies
 * (milliseconds per sentence): run it off event loops.
 */
package dev.sluice.guardrails.topics;
