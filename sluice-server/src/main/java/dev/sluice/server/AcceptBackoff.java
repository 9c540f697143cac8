package dev.sluice.server;

import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a listening socket: when accepting fails (the process is out of file descriptors, or the system is), stops
 * accepting for a moment and then resumes, instead of spinning on the error or giving up; says so in the log at most
 * every ten seconds. Waiting connections stay in the kernel's queue meanwhile. One per listener, on its loop.
 */
final class AcceptBackoff extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(AcceptBackoff.class);
    private static final long PAUSE_MS = 100;
    private static final long LOG_EVERY_NS = TimeUnit.SECONDS.toNanos(10);

    private long lastLogged = System.nanoTime() - LOG_EVERY_NS;
    private long pausesSinceLog;

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            ctx.fireExceptionCaught(cause);
            return;
        }
        ChannelConfig config = ctx.channel().config();
        if (config.isAutoRead()) {
            config.setAutoRead(false);
            ctx.channel().eventLoop().schedule(() -> {
                config.setAutoRead(true);
            }, PAUSE_MS, TimeUnit.MILLISECONDS);
        }
        pausesSinceLog++;
        long now = System.nanoTime();
        if (now - lastLogged >= LOG_EVERY_NS) {
            LOG.warn("cannot accept connections on {}: {}; pausing {} ms and retrying ({} pauses in the last 10 s); "
                    + "raise the file limit (ulimit -n) or lower server.max_connections", ctx.channel().localAddress(),
                    cause.getMessage(), PAUSE_MS, pausesSinceLog);
            lastLogged = now;
            pausesSinceLog = 0;
        }
    }
}
