package dev.sluice.guardrails.pii.internal;

import dev.sluice.guardrails.internal.PhraseMatcher;
import dev.sluice.guardrails.pii.PiiType;
import java.util.List;

/**
 * PINs: four to eight digits standing alone right after a PIN cue ({@code PIN}, {@code PIN code}, {@code SIM PIN}),
 * joined by a separator, a linking word or a space ({@code PIN: 4821}, {@code my PIN is 4821},
 * {@code the PIN for my card is 0077}, {@code PIN 4821}). A number elsewhere is never a PIN.
 */
final class PinDetector implements Detector {

    private static final String TYPE = PiiType.PIN.name();

    private final PhraseMatcher<Cues.Cue> cues;

    PinDetector(PhraseMatcher<Cues.Cue> cues) {
        this.cues = cues;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public void detect(TextScan scan, List<Candidate> out) {
        for (PhraseMatcher.Hit<Cues.Cue> hit : Cues.of(PiiType.PIN, scan.cues(cues))) {
            CueValue v = CueValue.after(scan, hit.end());
            if (v == null) {
                continue;
            }
            int j = v.start();
            while (Chars.digit(scan.peek(j)) && j - v.start() <= 8) {
                j++;
            }
            int digits = j - v.start();
            boolean closed = v.quote() == '\0' || scan.peek(j) == v.quote();
            if (digits >= 4 && digits <= 8 && closed && Chars.aloneAfter(scan, j)) {
                out.add(new Candidate(TYPE, v.start(), j, 0.8, false));
            }
        }
    }
}
