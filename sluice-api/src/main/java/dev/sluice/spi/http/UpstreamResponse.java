package dev.sluice.spi.http;

import java.net.http.HttpHeaders;

/**
 * An upstream's answer as a provider sees it. For a whole answer (not streamed, or any non-2xx answer) the body has
 * been read up to its cap ({@link #MAX_BODY_BYTES}, {@link #MAX_ERROR_BYTES}); for the head of a stream it is empty
 * and the body goes to a {@link StreamDecoder}. Confined to the thread that handed it over.
 */
public interface UpstreamResponse {

    /** The most the engine reads of a whole 2xx answer; a longer one fails the attempt as an upstream error. */
    int MAX_BODY_BYTES = 64 * 1024 * 1024;

    /** The most the engine reads of an error answer; the rest is dropped. */
    int MAX_ERROR_BYTES = 64 * 1024;

    int status();

    /** The first value of a header, by case-insensitive name, or null. */
    String header(String name);

    /** Every header (built when asked for). */
    HttpHeaders headers();

    /** The body read so far: whole for whole answers, empty for the head of a stream. */
    byte[] body();

    default boolean success() {
        int s = status();
        return s >= 200 && s <= 299;
    }
}
