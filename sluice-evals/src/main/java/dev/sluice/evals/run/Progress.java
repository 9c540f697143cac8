package dev.sluice.evals.run;

import java.io.PrintStream;

/**
 * Reports how far a run is. Called from many threads; implementations synchronise. Must not throw.
 */
public interface Progress {

    void start(int total, int alreadyDone);

    void advance(CaseResult result);

    void finish();

    /** Nothing reported. */
    static Progress silent() {
        return new Progress() {
            @Override public void start(int total, int alreadyDone) { }

            @Override public void advance(CaseResult result) { }

            @Override public void finish() { }
        };
    }

    /** A redrawn bar on a terminal, or a plain line every 10% in CI and logs. */
    static Progress to(PrintStream out, boolean interactive) {
        return new ConsoleProgress(out, interactive);
    }
}
