package dev.sluice.spi.http;

/** One server-sent event; {@code event} is null when the stream gave no event name. */
public record SseEvent(String event, String data) { }
