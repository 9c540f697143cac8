package dev.sluice.store.content;

/**
 * Removes sensitive data from a captured body before it is stored. Called off the request path, on the capture
 * writer's thread; must be thread-safe and must not throw (a redactor that throws causes the body to be dropped,
 * never stored unredacted).
 */
@FunctionalInterface
public interface Redactor {

    String redact(String text);

    /** The default: masks e-mail addresses, card-like numbers (Luhn-valid) and bearer tokens / API keys. */
    static Redactor standard() {
        return new PatternRedactor();
    }

    /** Stores bodies as they are. */
    static Redactor none() {
        return text -> text;
    }
}
