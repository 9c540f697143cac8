package dev.sluice.store;

/** The innermost cause's message, as storage's start-up errors quote it. */
final class RootCause {

    private RootCause() { }

    /** The first line of the innermost cause's message, or its class's simple name when it has none. */
    static String message(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
