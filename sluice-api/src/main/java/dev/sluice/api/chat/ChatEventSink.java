package dev.sluice.api.chat;

/**
 * Receives the events of a stream, in order, on the thread that produces them.
 *
 * <p>Implementations may block (a slow client slows the upstream read: that is the backpressure). They throw
 * {@link java.io.UncheckedIOException} when the downstream is gone, which ends the stream.
 */
@FunctionalInterface
public interface ChatEventSink {
    void accept(ChatEvent event);
}
