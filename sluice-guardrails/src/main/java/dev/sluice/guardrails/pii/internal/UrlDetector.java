package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * URLs: a web scheme ({@code http}, {@code https}, {@code ftp}, {@code ftps}, {@code sftp}, {@code ws},
 * {@code wss}) and {@code ://}, or {@code www.} at a word start; then a host that is a domain with an alphabetic top
 * label, an IPv4 address, {@code localhost} or a bracketed IPv6 literal; an optional port; and the path, query and
 * fragment up to white space or a character URLs never hold, less trailing punctuation and unbalanced closing
 * brackets. A bare domain ({@code example.com}) is not taken for a URL. User information before the host
 * ({@code ftp://user:pass@host}) is part of the URL.
 */
final class UrlDetector implements Detector {

    private static final String TYPE = PiiType.URL.name();
    private static final Set<String> SCHEMES = Set.of("http", "https", "ftp", "ftps", "sftp", "ws", "wss");

    @Override
    public long needs() {
        return Needs.URL_SHAPE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        int i = 0;
        while (i < n) {
            char c = scan.at(i);
            int start = -1;
            int host = -1;
            if (c == ':' && scan.peek(i + 1) == '/' && scan.peek(i + 2) == '/') {
                start = schemeStart(scan, i);
                int userInfo = start < 0 ? -1 : UrlCredentials.lastAt(scan, i + 3);
                host = userInfo < 0 ? i + 3 : userInfo + 1; // ftp://user:pass@host: the host follows the user

            } else if ((c == 'w' || c == 'W') && scan.text().regionMatches(true, i, "www.", 0, 4)
                    && Chars.startsWord(scan, i) && scan.peek(i - 1) != '/' && scan.peek(i - 1) != '.'
                    && scan.peek(i - 1) != '@') {
                start = i;
                host = i;
            }
            if (start < 0) {
                i++;
                continue;
            }
            int hostEnd = UrlParts.hostEnd(scan, host);
            if (hostEnd < 0) {
                i = Math.max(i + 1, -hostEnd);
                continue;
            }
            int end = UrlParts.trimTail(scan, hostEnd, UrlParts.tailEnd(scan, hostEnd));
            out.add(new Candidate(TYPE, start, end, start == host ? 0.85 : 0.9, false));
            i = end;
        }
    }

    /** The start of a known scheme ending at {@code colon}, or -1. */
    private static int schemeStart(TextScan s, int colon) {
        int k = colon;
        while (k > 0 && colon - k < 5 && Chars.asciiAlnum(s.at(k - 1))) {
            k--;
        }
        if (k == colon || !Chars.startsWord(s, k)) {
            return -1;
        }
        return SCHEMES.contains(s.text().substring(k, colon).toLowerCase(Locale.ROOT)) ? k : -1;
    }
}
