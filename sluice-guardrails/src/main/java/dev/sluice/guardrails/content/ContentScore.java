package dev.sluice.guardrails.content;

/**
 * How strongly one text reads as one category: the classifier's raw {@code score} (the summed weights of the cues it
 * found, 0 when none) and Bedrock's {@code confidence} level derived from it.
 */
public record ContentScore(ContentType type, double score, Strength confidence) { }
