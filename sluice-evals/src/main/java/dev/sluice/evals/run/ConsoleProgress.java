package dev.sluice.evals.run;

import java.io.PrintStream;

/** {@link Progress} on a console: a redrawn bar when interactive, else a log line per 10% step. */
final class ConsoleProgress implements Progress {

    private static final int WIDTH = 30;

    private final PrintStream out;
    private final boolean interactive;
    private int total;
    private int done;
    private int failed;
    private int lastDecile = -1;
    private long startNanos;

    ConsoleProgress(PrintStream out, boolean interactive) {
        this.out = out;
        this.interactive = interactive;
    }

    @Override
    public synchronized void start(int total, int alreadyDone) {
        this.total = total;
        this.done = alreadyDone;
        this.startNanos = System.nanoTime();
        if (alreadyDone > 0) {
            out.println("resuming: " + alreadyDone + " of " + total + " results already done");
        }
        draw();
    }

    @Override
    public synchronized void advance(CaseResult result) {
        done++;
        if (result.error() != null) {
            failed++;
        }
        draw();
    }

    @Override
    public synchronized void finish() {
        if (interactive) {
            out.println();
        }
        out.flush();
    }

    private void draw() {
        int pct = total == 0 ? 100 : (int) (100L * done / total);
        double secs = (System.nanoTime() - startNanos) / 1e9;
        if (interactive) {
            int filled = WIDTH * pct / 100;
            out.print("\r[" + "#".repeat(filled) + "-".repeat(WIDTH - filled) + "] " + done + "/" + total
                    + (failed > 0 ? " (" + failed + " failed)" : "") + String.format(" %.1fs", secs));
            out.flush();
        } else if (pct / 10 != lastDecile) {
            lastDecile = pct / 10;
            out.println(String.format("progress: %d/%d (%d%%)%s %.1fs", done, total, pct,
                    failed > 0 ? ", " + failed + " failed" : "", secs));
        }
    }
}
