package dev.ballast.node.health;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;

import java.time.Duration;

/** Passes when a TCP connection to the server is established within the timeout. */
final class TcpProbe extends Probe {

    TcpProbe(EventLoopGroup group, Duration timeout) {
        super(group, timeout);
    }

    @Override
    void prepare(Channel channel, CheckTarget target, ProbeRun run) {
        // Nothing is read or written: connecting is the whole check.
    }

    @Override
    void connected(Channel channel, CheckTarget target, ProbeRun run) {
        run.complete(CheckResult.passed("TCP connection established"));
    }
}
