package dev.sluice.store.internal;

/** How the writers quote a database error in a log line. */
final class ErrorBrief {

    private ErrorBrief() { }

    /** The innermost cause's class and first line, capped: batch errors would otherwise log whole rows. */
    static String of(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String message = String.valueOf(t.getMessage()).lines().findFirst().orElse("");
        String capped = message.length() > 200 ? message.substring(0, 200) + "..." : message;
        return t.getClass().getSimpleName() + ": " + capped;
    }
}
