package dev.sluice.app;

import java.io.PrintStream;
import java.util.List;

/** Plain aligned text tables for the terminal. */
final class Tables {

    private Tables() { }

    static void print(List<String[]> rows, PrintStream out) {
        int cols = rows.getFirst().length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i] == null ? 1 : r[i].length());
            }
        }
        for (int n = 0; n < rows.size(); n++) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < cols; i++) {
                String v = rows.get(n)[i] == null ? "-" : rows.get(n)[i];
                line.append(i == 0 ? String.format("%-" + width[i] + "s", v) : String.format("  %" + width[i] + "s", v));
            }
            out.println(line);
            if (n == 0) {
                out.println("-".repeat(line.length()));
            }
        }
    }
}
