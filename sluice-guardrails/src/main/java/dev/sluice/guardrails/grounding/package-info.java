/**
 * Contextual grounding and relevance of an answer (Bedrock's {@code contextualGroundingPolicy}): how far an answer is
 * supported by its grounding source, and how far it answers the query, each as a score in [0, 1]. Local: MiniLM
 * sentence embeddings plus lexical, number and name overlap ({@link GroundingScorer}).
 */
package dev.sluice.guardrails.grounding;
