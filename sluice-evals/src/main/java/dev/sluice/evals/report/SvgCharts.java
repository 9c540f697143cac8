package dev.sluice.evals.report;

import static dev.sluice.evals.report.Fmt.f;

import java.util.List;

/** Small self-drawn SVG charts, so that the HTML report needs no script or network. Stateless. */
final class SvgCharts {

    static final String[] COLOURS = {"#3b6fb6", "#d9822b", "#3a9a5b", "#b34b9b", "#8c6d31", "#6b6ecf"};
    private static final int W = 420;
    private static final int H = 220;
    private static final int PAD = 36;

    /** One bar; {@code low}/{@code high} draw a whisker unless NaN. */
    record Bar(String label, double value, double low, double high) { }

    /** One point of a scatter; {@code series} picks the colour. */
    record Point(double x, double y, int series) { }

    private SvgCharts() { }

    static String histogram(String title, double[] values, int bins) {
        double min = 0;
        double max = 1;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int[] counts = new int[bins];
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - min) / (max - min) * bins))]++;
        }
        int top = 1;
        for (int c : counts) {
            top = Math.max(top, c);
        }
        StringBuilder b = open(title);
        double bw = (W - 2.0 * PAD) / bins;
        for (int i = 0; i < bins; i++) {
            double h = (H - 2.0 * PAD) * counts[i] / top;
            b.append(f("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s..%s: %d</title></rect>",
                    PAD + i * bw + 1, H - PAD - h, bw - 2, h, COLOURS[0], Fmt.num(min + i * (max - min) / bins),
                    Fmt.num(min + (i + 1) * (max - min) / bins), counts[i]));
        }
        axisLabels(b, Fmt.num(min), Fmt.num(max), "0", Integer.toString(top));
        return b.append("</svg>").toString();
    }

    static String bars(String title, List<Bar> bars, boolean signed) {
        double lo = signed ? 0 : 0;
        double hi = 1;
        for (Bar bar : bars) {
            lo = Math.min(lo, finite(bar.low(), bar.value()));
            lo = Math.min(lo, bar.value());
            hi = Math.max(hi, Math.max(bar.value(), finite(bar.high(), bar.value())));
        }
        if (signed) {
            double m = Math.max(Math.abs(lo), Math.abs(hi));
            m = m == 0 ? 1 : m;
            lo = -m;
            hi = m;
        }
        StringBuilder b = open(title);
        int labelW = 130;
        double plotW = W - labelW - PAD;
        double rowH = Math.min(28, (H - 2.0 * PAD) / Math.max(1, bars.size()));
        double span = hi - lo;
        double zeroX = labelW + plotW * (0 - lo) / span;
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            double y = PAD + i * rowH;
            double x1 = labelW + plotW * (Math.min(0, bar.value()) - lo) / span;
            double x2 = labelW + plotW * (Math.max(0, bar.value()) - lo) / span;
            String colour = signed && bar.value() < 0 ? "#c0392b" : COLOURS[0];
            b.append(f("<text x='%d' y='%.1f' font-size='11' text-anchor='end'>%s</text>", labelW - 4, y + rowH * 0.65,
                    esc(bar.label())));
            b.append(f("<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'><title>%s</title></rect>", x1,
                    y + 3, Math.max(1, x2 - x1), rowH - 6, colour, Fmt.num(bar.value())));
            if (!Double.isNaN(bar.low()) && !Double.isNaN(bar.high())) {
                double a = labelW + plotW * (bar.low() - lo) / span;
                double c = labelW + plotW * (bar.high() - lo) / span;
                b.append(f("<line x1='%.1f' x2='%.1f' y1='%.1f' y2='%.1f' stroke='#222'/>", a, c, y + rowH / 2,
                        y + rowH / 2));
            }
        }
        b.append(f("<line x1='%.1f' x2='%.1f' y1='%d' y2='%d' stroke='#888'/>", zeroX, zeroX, PAD, H - PAD));
        b.append(f("<text x='%d' y='%d' font-size='10'>%s</text>", labelW, H - PAD + 14, Fmt.num(lo)));
        b.append(f("<text x='%d' y='%d' font-size='10' text-anchor='end'>%s</text>", W - PAD, H - PAD + 14,
                Fmt.num(hi)));
        return b.append("</svg>").toString();
    }

    static String scatter(String title, List<Point> points, String xLabel, String yLabel) {
        double xMax = 1e-9;
        double yMax = 1e-9;
        for (Point p : points) {
            xMax = Math.max(xMax, p.x());
            yMax = Math.max(yMax, p.y());
        }
        StringBuilder b = open(title);
        for (Point p : points) {
            b.append(f("<circle cx='%.1f' cy='%.1f' r='2.5' fill='%s' fill-opacity='0.7'/>",
                    PAD + (W - 2.0 * PAD) * p.x() / xMax, H - PAD - (H - 2.0 * PAD) * p.y() / yMax,
                    COLOURS[p.series() % COLOURS.length]));
        }
        axisLabels(b, "0", Fmt.num(xMax) + " " + xLabel, "0", Fmt.num(yMax) + " " + yLabel);
        return b.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder b = new StringBuilder();
        b.append(f("<svg xmlns='http://www.w3.org/2000/svg' width='%d' height='%d' viewBox='0 0 %d %d' role='img'>",
                W, H, W, H));
        b.append(f("<text x='%d' y='18' font-size='13' font-weight='bold'>%s</text>", PAD, esc(title)));
        b.append(f("<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#888'/>", PAD, H - PAD, W - PAD, H - PAD));
        return b;
    }

    private static void axisLabels(StringBuilder b, String x0, String x1, String y0, String y1) {
        b.append(f("<text x='%d' y='%d' font-size='10'>%s</text>", PAD, H - PAD + 14, esc(x0)));
        b.append(f("<text x='%d' y='%d' font-size='10' text-anchor='end'>%s</text>", W - PAD, H - PAD + 14, esc(x1)));
        b.append(f("<text x='4' y='%d' font-size='10'>%s</text>", H - PAD, esc(y0)));
        b.append(f("<text x='4' y='%d' font-size='10'>%s</text>", PAD + 4, esc(y1)));
    }

    private static double finite(double v, double fallback) {
        return Double.isNaN(v) ? fallback : v;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
