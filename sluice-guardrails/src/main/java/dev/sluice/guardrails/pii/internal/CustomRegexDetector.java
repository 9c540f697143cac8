package dev.sluice.guardrails.pii.internal;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import dev.sluice.guardrails.pii.CustomRegex;
import java.util.List;

/** A custom regex, matched with RE2/J (linear time); every non-empty match is a candidate with confidence 1. */
public final class CustomRegexDetector implements Detector {

    private final String name;
    private final Pattern pattern;

    public CustomRegexDetector(CustomRegex regex) {
        this.name = regex.name();
        this.pattern = regex.pattern();
    }

    @Override
    public String type() {
        return name;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        Matcher m = pattern.matcher(scan.text());
        while (m.find()) {
            if (m.end() > m.start()) {
                out.add(new Candidate(name, m.start(), m.end(), 1.0, false));
            }
        }
    }
}
