package dev.sluice.gateway.cache;

import java.util.Locale;

/**
 * What the caller's {@code cache-control} header asks of the cache: {@code no-cache} (do not answer from the cache,
 * but store the new answer) and {@code no-store} (neither). Other directives, and a header that is not well formed,
 * are ignored, as HTTP caches do.
 *
 * @param lookup whether a stored answer may be served
 * @param store whether the new answer may be stored
 */
record Directives(boolean lookup, boolean store) {

    static final Directives DEFAULT = new Directives(true, true);

    static Directives of(String header) {
        if (header == null || header.isBlank()) {
            return DEFAULT;
        }
        boolean noCache = false;
        boolean noStore = false;
        for (String part : header.split(",")) {
            String d = part.strip().toLowerCase(Locale.ROOT);
            int eq = d.indexOf('=');
            String name = eq < 0 ? d : d.substring(0, eq).strip();
            noCache |= name.equals("no-cache");
            noStore |= name.equals("no-store");
        }
        return noStore ? new Directives(false, false) : new Directives(!noCache, true);
    }
}
