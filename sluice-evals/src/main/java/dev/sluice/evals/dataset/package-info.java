/** Golden datasets: cases read from JSONL, CSV or Bedrock's evaluation format, versioned by content hash. */
package dev.sluice.evals.dataset;
