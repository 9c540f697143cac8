package dev.sluice.guardrails.topics;

/**
 * How close a text came to a denied topic: the model's highest cosine similarity between a window of the text that
 * the screen passed and the topic's definition or examples (0 when the screen passed none), and whether it reached
 * the classifier's threshold.
 */
public record TopicScore(String topic, double similarity, boolean detected) { }
