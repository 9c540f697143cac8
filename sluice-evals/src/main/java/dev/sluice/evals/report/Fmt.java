package dev.sluice.evals.report;

import dev.sluice.evals.stats.Interval;
import java.util.Locale;

/** Number formatting shared by the reports. */
final class Fmt {

    private Fmt() { }

    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        return Math.abs(v) >= 100 ? f("%.0f", v) : f("%.3f", v);
    }

    static String ci(Interval i) {
        return Double.isNaN(i.low()) ? "n/a" : "[" + num(i.low()) + ", " + num(i.high()) + "]";
    }

    static String pct(double v) {
        return Double.isNaN(v) ? "n/a" : f("%.1f%%", 100 * v);
    }

    static String pctCi(Interval i) {
        return Double.isNaN(i.low()) ? "n/a" : f("[%.1f%%, %.1f%%]", 100 * i.low(), 100 * i.high());
    }

    static String signed(double v) {
        return Double.isNaN(v) ? "n/a" : f("%+.3f", v);
    }

    static String p(double v) {
        return v < 0.0001 ? "<0.0001" : f("%.4f", v);
    }
}
