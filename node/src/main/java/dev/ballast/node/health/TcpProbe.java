package dev.ballast.node.health;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.ReferenceCountUtil;

import java.time.Duration;
import java.util.function.Consumer;

/**
 * Passes when a TCP connection to the server is established within the timeout. Each check opens a new connection
 * (connecting is the whole check) and closes it with a reset at once.
 */
final class TcpProbe extends Probe {

    private static final CheckResult CONNECTED = CheckResult.passed("TCP connection established");

    TcpProbe(EventLoopGroup group, Duration timeout) {
        super(group, timeout);
    }

    @Override
    ServerProbe forServer(EventLoop loop, CheckTarget target) {
        Bootstrap bootstrap = bootstrap(loop).handler(Ignore.INSTANCE);
        return new ServerProbe() {
            private ProbeRun running;

            @Override
            public void start(Consumer<CheckResult> onDone) {
                ProbeRun run = newRun(loop, onDone);
                running = run;
                connect(bootstrap, target, run, channel -> run.complete(CONNECTED));
            }

            @Override
            public void stop() {
                if (running != null) {
                    running.abort();
                }
            }
        };
    }

    /**
     * The pipeline of a tcp check's connection: the verdict is taken when the connect completes and the connection
     * is closed right after, so whatever the server sends or any error after that is no longer the check's business.
     */
    @ChannelHandler.Sharable
    private static final class Ignore extends ChannelInboundHandlerAdapter {
        static final Ignore INSTANCE = new Ignore();

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object message) {
            ReferenceCountUtil.release(message);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
