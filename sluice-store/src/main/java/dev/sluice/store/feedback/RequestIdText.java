package dev.sluice.store.feedback;

/** Whether a caller's text could be a request id: what the gateway issues or a client sends as {@code x-request-id}. */
public final class RequestIdText {

    /** The longest request id kept. */
    public static final int MAX_LENGTH = 128;

    private RequestIdText() { }

    /** 1-128 printable ASCII characters without spaces (no NUL, no control characters, nothing to escape). */
    public static boolean plausible(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }
}
