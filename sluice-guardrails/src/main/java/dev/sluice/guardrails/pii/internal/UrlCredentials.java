package dev.sluice.guardrails.pii.internal;

/**
 * The user information of URLs of any scheme: {@code scheme://user:password@host} or {@code scheme://user@host}, as
 * in connection strings ({@code postgres://app:s3cret@db:5432/app}, {@code redis://:s3cret@cache}). Found from each
 * {@code ://}; reads at most {@value #MAX} characters after it. A raw {@code @} in a password is allowed: the host
 * follows the last {@code @} of the authority.
 */
final class UrlCredentials {

    /** Receives a URL's user name and password spans ({@code [start, end]}); either may be null, not both. */
    @FunctionalInterface
    interface Sink {
        void found(int[] user, int[] password);
    }

    private static final int MAX = 256;

    private UrlCredentials() { }

    static void find(TextScan s, Sink sink) {
        String text = s.text();
        for (int at = text.indexOf("://"); at >= 0; at = text.indexOf("://", at + 3)) {
            if (!Chars.asciiAlnum(s.peek(at - 1))) {
                continue; // no scheme
            }
            int start = at + 3;
            int lastAt = lastAt(s, start);
            if (lastAt < 0) {
                continue;
            }
            int colon = text.indexOf(':', start);
            colon = colon >= 0 && colon < lastAt ? colon : -1;
            int userEnd = colon < 0 ? lastAt : colon;
            int[] user = userEnd > start ? new int[] {start, userEnd} : null;
            int[] password = colon >= 0 && lastAt > colon + 1 ? new int[] {colon + 1, lastAt} : null;
            if (user != null || password != null) {
                sink.found(user, password);
            }
        }
    }

    /**
     * The last {@code @} of the authority starting at {@code start} (a raw {@code @} in a password is allowed: the host
     * follows the last one), or -1 when there is none or no host follows it.
     */
    static int lastAt(TextScan s, int start) {
        int limit = Math.min(s.length(), start + MAX);
        int lastAt = -1;
        for (int j = start; j < limit && authority(s.at(j)); j++) {
            if (s.at(j) == '@') {
                lastAt = j;
            }
        }
        return lastAt > start && Chars.asciiAlnum(s.peek(lastAt + 1)) ? lastAt : -1;
    }

    /** Characters of a URL's authority as people write it: anything up to white space, a path, query or fragment. */
    private static boolean authority(char c) {
        return !Character.isWhitespace(c) && c != '/' && c != '?' && c != '#' && c != '"' && c != '\'' && c != '<'
                && c != '>';
    }
}
