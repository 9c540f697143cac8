package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.pii.PiiType;
import java.util.List;
import java.util.Set;

/**
 * AWS access key ids: twenty characters, a four-letter prefix naming the kind of identity ({@code AKIA} for an IAM
 * user's long-term key, {@code ASIA} for a temporary one, and the other unique-id prefixes AWS documents), then
 * sixteen characters of the base-32 alphabet ({@code A-Z 2-7}).
 */
final class AwsAccessKeyDetector implements Detector {

    private static final String TYPE = PiiType.AWS_ACCESS_KEY.name();
    private static final Set<String> PREFIXES = Set.of("AKIA", "ASIA", "ABIA", "ACCA", "AGPA", "AIDA", "AIPA",
            "ANPA", "ANVA", "APKA", "AROA", "ASCA");

    @Override
    public long needs() {
        return Needs.RUN_20;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        UpperTokens.scan(scan, 20, 20, (start, end) -> {
            if (!PREFIXES.contains(scan.text().substring(start, start + 4))) {
                return;
            }
            for (int k = start + 4; k < end; k++) {
                char c = scan.at(k);
                if (!Chars.upper(c) && (c < '2' || c > '7')) {
                    return;
                }
            }
            out.add(new Candidate(TYPE, start, end, 0.95, false));
        });
    }
}
