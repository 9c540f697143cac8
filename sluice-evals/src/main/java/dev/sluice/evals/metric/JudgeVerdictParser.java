package dev.sluice.evals.metric;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the score out of a judge's answer: the last {@code SCORE: n} line, else a JSON {@code "score": n} field.
 * Returns null when neither is present or the value is outside the scale.
 */
public final class JudgeVerdictParser {

    private static final Pattern SCORE_LINE = Pattern.compile("(?i)score\\W{0,3}[:=]\\s*\\**\\s*(-?\\d+(?:\\.\\d+)?)");
    private static final Pattern JSON_SCORE = Pattern.compile("\"score\"\\s*:\\s*(-?\\d+(?:\\.\\d+)?)");

    private JudgeVerdictParser() { }

    public static Double parse(String answer, int min, int max) {
        Double v = last(SCORE_LINE.matcher(answer));
        if (v == null) {
            v = last(JSON_SCORE.matcher(answer));
        }
        return v == null || v < min || v > max ? null : v;
    }

    private static Double last(Matcher m) {
        Double v = null;
        while (m.find()) {
            v = Double.parseDouble(m.group(1));
        }
        return v;
    }
}
