package dev.sluice.guardrails.topics;

/**
 * How close a text came to a denied topic: the highest cosine similarity between any window of the text and the
 * topic's definition or examples, and whether it reached the classifier's threshold.
 */
public record TopicScore(String topic, double similarity, boolean detected) { }
