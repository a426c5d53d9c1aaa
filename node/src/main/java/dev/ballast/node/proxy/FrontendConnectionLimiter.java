package dev.ballast.node.proxy;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.ArrayDeque;

/**
 * A frontend's {@code maxconn}, on its listening channel: at the limit, accepting pauses (the kernel's backlog holds
 * further clients) and resumes as connections close. Nothing is refused. Connections the kernel handed over in the
 * same batch as the one that reached the limit wait here, unregistered and unread, until a place frees up.
 * Confined to the listener's event loop.
 */
public final class FrontendConnectionLimiter extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LogManager.getLogger(FrontendConnectionLimiter.class);

    private final String frontend;
    private final int maxconn;
    private final ArrayDeque<Channel> waiting = new ArrayDeque<>();
    private int open;
    private boolean paused;

    public FrontendConnectionLimiter(String frontend, int maxconn) {
        if (maxconn <= 0) {
            throw new IllegalArgumentException("maxconn must be positive, got " + maxconn);
        }
        this.frontend = frontend;
        this.maxconn = maxconn;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Channel child = (Channel) msg;
        if (open < maxconn) {
            admit(ctx, child);
        } else {
            waiting.addLast(child);
        }
        pauseOrResume(ctx);
    }

    private void admit(ChannelHandlerContext ctx, Channel child) {
        open++;
        child.closeFuture().addListener((ChannelFutureListener) f -> {
            if (!ctx.executor().isShuttingDown()) {
                ctx.executor().execute(() -> closed(ctx));
            }
        });
        ctx.fireChannelRead(child);
    }

    private void closed(ChannelHandlerContext ctx) {
        open--;
        Channel next;
        while (open < maxconn && (next = waiting.pollFirst()) != null) {
            admit(ctx, next);
        }
        pauseOrResume(ctx);
    }

    private void pauseOrResume(ChannelHandlerContext ctx) {
        boolean full = open >= maxconn;
        if (full != paused) {
            paused = full;
            ctx.channel().config().setAutoRead(!full);
            if (full) {
                LOG.info("Frontend {}: {} connections open (maxconn); accepting paused", frontend, open);
            } else {
                LOG.info("Frontend {}: below maxconn again; accepting resumed", frontend);
            }
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        Channel child;
        while ((child = waiting.pollFirst()) != null) {
            child.unsafe().closeForcibly();
        }
        ctx.fireChannelInactive();
    }
}
