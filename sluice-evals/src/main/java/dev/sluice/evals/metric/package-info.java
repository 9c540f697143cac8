/**
 * Built-in metrics, registered through {@link java.util.ServiceLoader} like any custom one: text matching,
 * JSON checks, string similarity (Levenshtein, ROUGE-L, BLEU), semantic similarity with a local embedding model,
 * LLM-as-a-judge with built-in rubrics, RAG metrics, and per-call latency, TTFT, throughput and cost.
 */
package dev.sluice.evals.metric;
