package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * IPv6 addresses (RFC 4291 text forms): eight groups of one to four hex digits, or fewer with one {@code ::}, the last
 * two groups optionally an embedded IPv4 address; at least two groups, or {@code ::1}. Times ({@code 12:30:45}) and
 * MAC addresses have too few or no compressed groups and fail.
 */
final class Ipv6Detector implements Detector {

    private static final String TYPE = PiiType.IP_ADDRESS.name();

    @Override
    public long needs() {
        return Needs.COLONS_2;
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
            char before = scan.peek(i - 1);
            if (!(Chars.hex(c) || c == ':') || Chars.wordChar(before) || before == ':' || before == '.') {
                i++;
                continue;
            }
            int j = i;
            int colons = 0;
            while (j < n && (Chars.hex(scan.at(j)) || scan.at(j) == ':' || scan.at(j) == '.')) {
                colons += scan.at(j) == ':' ? 1 : 0;
                j++;
            }
            int end = j;
            while (end > i && scan.at(end - 1) == '.') {
                end--;
            }
            if (colons >= 2 && end - i <= 45 && Chars.endsWord(scan, j) && valid(scan.text().substring(i, end))) {
                out.add(new Candidate(TYPE, i, end, 0.85, false));
            }
            i = j;
        }
    }

    static boolean valid(String t) {
        if (t.indexOf(':') < 0 || t.contains(":::")) {
            return false;
        }
        int gap = t.indexOf("::");
        if (gap >= 0 && t.indexOf("::", gap + 1) >= 0) {
            return false;
        }
        if (t.equals("::1")) {
            return true;
        }
        int groups;
        if (gap < 0) {
            groups = groups(t, true);
        } else {
            int head = gap == 0 ? 0 : groups(t.substring(0, gap), false);
            int tail = gap + 2 == t.length() ? 0 : groups(t.substring(gap + 2), true);
            groups = head < 0 || tail < 0 ? -1 : head + tail;
        }
        return gap < 0 ? groups == 8 : groups >= 2 && groups <= 7;
    }

    /** How many groups a colon-separated list holds (an IPv4 tail counting two), or -1 if one is malformed. */
    private static int groups(String part, boolean last) {
        String[] groups = part.split(":", -1);
        int count = 0;
        for (int g = 0; g < groups.length; g++) {
            String group = groups[g];
            if (last && g == groups.length - 1 && group.indexOf('.') >= 0) {
                if (Ipv4Detector.match(new TextScan(group), 0) != group.length()) {
                    return -1;
                }
                count += 2;
            } else if (group.isEmpty() || group.length() > 4 || group.indexOf('.') >= 0) {
                return -1;
            } else {
                count++;
            }
        }
        return count;
    }
}
