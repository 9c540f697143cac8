package dev.sluice.testkit;

import dev.sluice.transport.EventLoops;
import dev.sluice.transport.ProviderExchange;
import dev.sluice.transport.UpstreamClient;

/**
 * The event loops and upstream client that provider tests share, made on first use and kept for the test JVM's life
 * (their threads are daemons). Tests drive providers through them exactly as the gateway does.
 */
public final class TestLoops {

    private static final class Holder {
        static final EventLoops LOOPS = new EventLoops(2);
        static final ProviderExchange DRIVER = new ProviderExchange(
                new UpstreamClient(LOOPS, UpstreamClient.Options.DEFAULT));
    }

    private TestLoops() { }

    public static EventLoops loops() { return Holder.LOOPS; }

    public static ProviderExchange driver() { return Holder.DRIVER; }
}
