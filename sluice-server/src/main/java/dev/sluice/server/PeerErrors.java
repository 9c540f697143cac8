package dev.sluice.server;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last handler of an HTTP/2 connection's pipeline: Netty's HTTP/2 codec answers a peer's protocol error itself
 * (GOAWAY or RST_STREAM) and then passes the error on; here it ends as one debug line and a close, instead of
 * reaching the pipeline's tail, which logs a warning with a stack trace for every malformed frame a client sends.
 */
@ChannelHandler.Sharable
final class PeerErrors extends ChannelInboundHandlerAdapter {

    static final PeerErrors INSTANCE = new PeerErrors();

    private static final Logger LOG = LoggerFactory.getLogger(PeerErrors.class);

    private PeerErrors() { }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("HTTP/2 connection {} failed: {}", ctx.channel(), cause.toString());
        ctx.close();
    }
}
