package dev.sluice.evals.metric;

import dev.sluice.api.error.GatewayException;
import dev.sluice.evals.spi.Score;
import dev.sluice.evals.spi.Scorer;
import dev.sluice.evals.spi.ScorerContext;
import dev.sluice.evals.spi.ScorerFactory;
import dev.sluice.evals.spi.ScoringInput;
import dev.sluice.evals.suite.MetricSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Exact and pattern matching, each scoring 1 or 0. The value to compare with is the option {@code value} (or
 * {@code values}) when given, else the case's expected answer; {@code ignore_case} makes the match case-insensitive.
 */
public final class TextMatchMetrics {

    private TextMatchMetrics() { }

    /** {@code exact_match}: the trimmed output equals the value. */
    public static final class ExactMatch implements ScorerFactory {
        @Override public String type() { return "exact_match"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            boolean ignoreCase = spec.flag("ignore_case", false);
            return bool(in -> {
                String want = expected(spec, in).trim();
                String got = in.text().trim();
                return ignoreCase ? got.equalsIgnoreCase(want) : got.equals(want);
            });
        }
    }

    /** {@code starts_with}: the trimmed output starts with the value. */
    public static final class StartsWith implements ScorerFactory {
        @Override public String type() { return "starts_with"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            boolean ignoreCase = spec.flag("ignore_case", false);
            return bool(in -> {
                String want = expected(spec, in);
                String got = in.text().trim();
                return got.regionMatches(ignoreCase, 0, want, 0, want.length());
            });
        }
    }

    /** {@code contains}: the output contains any (default) or all ({@code mode: all}) of the values. */
    public static final class Contains implements ScorerFactory {
        @Override public String type() { return "contains"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            boolean ignoreCase = spec.flag("ignore_case", false);
            String mode = spec.text("mode", "any");
            if (!mode.equals("any") && !mode.equals("all")) {
                throw GatewayException.invalid("metric '" + spec.name() + "': mode must be 'any' or 'all', got '"
                        + mode + "'", "metrics." + spec.name() + ".mode");
            }
            List<String> values = new ArrayList<>();
            spec.options().path("values").forEach(v -> values.add(v.asText()));
            return bool(in -> {
                List<String> wanted = values.isEmpty() ? List.of(expected(spec, in)) : values;
                String got = ignoreCase ? in.text().toLowerCase(Locale.ROOT) : in.text();
                var found = wanted.stream().map(w -> ignoreCase ? w.toLowerCase(Locale.ROOT) : w).map(got::contains);
                return mode.equals("all") ? found.allMatch(b -> b) : found.anyMatch(b -> b);
            });
        }
    }

    /** {@code regex}: option {@code pattern} is found in the output. */
    public static final class Regex implements ScorerFactory {
        @Override public String type() { return "regex"; }

        @Override public Scorer create(MetricSpec spec, ScorerContext context) {
            Pattern pattern;
            try {
                pattern = Pattern.compile(spec.require("pattern"),
                        spec.flag("ignore_case", false) ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0);
            } catch (PatternSyntaxException e) {
                throw GatewayException.invalid("metric '" + spec.name() + "': invalid regex: " + e.getDescription(),
                        "metrics." + spec.name() + ".pattern");
            }
            return bool(in -> pattern.matcher(in.text()).find());
        }
    }

    static String expected(MetricSpec spec, ScoringInput in) {
        String v = spec.text("value", in.evalCase().expected());
        if (v == null) {
            throw new MissingReference("case '" + in.evalCase().id() + "' has no expected value for metric '"
                    + spec.name() + "'");
        }
        return v;
    }

    /** A pass/fail scorer (1 or 0, threshold 1); a missing reference becomes the case's scoring error. */
    static Scorer bool(java.util.function.Predicate<ScoringInput> check) {
        return binary(in -> {
            try {
                return Score.bool(check.test(in));
            } catch (MissingReference e) {
                return Score.failed(e.getMessage());
            }
        });
    }

    /** Marks a scorer as pass/fail: its default threshold is 1. */
    static Scorer binary(Scorer scorer) {
        return new Scorer() {
            @Override public Score score(ScoringInput in) { return scorer.score(in); }

            @Override public double defaultThreshold() { return 1.0; }
        };
    }

    /** A case lacks the reference a metric needs; reported as that case's scoring error. */
    static final class MissingReference extends RuntimeException {
        MissingReference(String message) {
            super(message, null, false, false);
        }
    }
}
