package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * MAC addresses (IEEE 802 text forms): six pairs of hex digits joined by one kind of separator, colon or hyphen
 * ({@code 00:1A:2B:3C:4D:5E}), or three groups of four joined by dots ({@code 001a.2b3c.4d5e}), standing alone.
 */
final class MacAddressDetector implements Detector {

    private static final String TYPE = PiiType.MAC_ADDRESS.name();

    @Override
    public long needs() {
        return Needs.MAC_SHAPE;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        int n = scan.length();
        for (int i = 0; i < n; i++) {
            char second = scan.peek(i + 2);
            boolean shaped = second == ':' || second == '-' || scan.peek(i + 4) == '.';
            char before = scan.peek(i - 1);
            if (!shaped || !Chars.hex(scan.at(i)) || Chars.wordChar(before) || before == ':' || before == '-'
                    || before == '.') {
                continue;
            }
            int end = Math.max(groups(scan, i, 2, 6), groups(scan, i, 4, 3));
            if (end > 0) {
                out.add(new Candidate(TYPE, i, end, 0.85, false));
                i = end - 1;
            }
        }
    }

    /** The end of {@code count} groups of {@code width} hex digits from {@code i}, one separator throughout, or -1. */
    private static int groups(TextScan s, int i, int width, int count) {
        char sep = s.peek(i + width);
        if (width == 2 ? sep != ':' && sep != '-' : sep != '.') {
            return -1;
        }
        int j = i;
        for (int g = 0; g < count; g++) {
            for (int k = 0; k < width; k++, j++) {
                if (!Chars.hex(s.peek(j))) {
                    return -1;
                }
            }
            if (g < count - 1) {
                if (s.peek(j) != sep) {
                    return -1;
                }
                j++;
            }
        }
        boolean more = s.peek(j) == sep && Chars.hex(s.peek(j + 1));
        return Chars.endsWord(s, j) && !more ? j : -1;
    }
}
