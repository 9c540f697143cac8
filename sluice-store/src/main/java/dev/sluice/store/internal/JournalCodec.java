package dev.sluice.store.internal;

import java.io.IOException;

/** Turns a record into one line of JSON for the journal and back. Lines never contain a newline. */
public interface JournalCodec<T> {
    String encode(T item);

    T decode(String line) throws IOException;
}
