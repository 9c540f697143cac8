package dev.sluice.spi;

/**
 * Flow control towards the caller of a streamed answer: a producer (the upstream read, a simulated answer) stops
 * producing while the caller's connection cannot take more, and goes on when told. Called on the call's thread only.
 */
public interface Downstream {

    /** A caller that always takes more (whole answers, tests). */
    Downstream UNBOUNDED = new Downstream() {
        @Override public boolean writable() { return true; }

        @Override public void whenWritable(Runnable resume) { resume.run(); }

        @Override public void flush() { }
    };

    /** False while the caller's connection has more queued than it should; producers then pause. */
    boolean writable();

    /** Runs {@code resume} once, on the call's thread, as soon as the caller can take more (at once if it can now). */
    void whenWritable(Runnable resume);

    /** Sends what was handed over so far; producers call it at the end of each burst of events. */
    void flush();
}
