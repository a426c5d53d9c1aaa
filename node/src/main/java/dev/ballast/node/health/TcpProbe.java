package dev.ballast.node.health;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Passes when the server answers a TCP connect within the timeout. Each check opens a new socket (connecting is the
 * whole check) and resets it as soon as the connect is decided; see {@link CheckSocket} for why that costs little.
 */
final class TcpProbe extends Probe {

    TcpProbe(EventLoopGroup group, Duration timeout) {
        super(timeout);
        requireEpollOrNio(group, "tcp");
    }

    @Override
    ServerProbe forServer(CheckTimer timer, CheckTarget target) {
        return new TcpServerProbe(this, timer, target);
    }

    /** The tcp checks of one server; confined to its event loop. */
    private static final class TcpServerProbe implements ServerProbe {
        private static final CheckResult CONNECTED = CheckResult.passed("TCP connection established");

        private final TcpProbe probe;
        private final CheckTimer timer;
        private final IoEventLoop loop;
        private final CheckTarget target;
        private ProbeRun running;
        /** The socket of the last passed check, disconnected and ready for the next, where the transport allows. */
        private CheckSocket idle;

        TcpServerProbe(TcpProbe probe, CheckTimer timer, CheckTarget target) {
            this.probe = probe;
            this.timer = timer;
            this.loop = (IoEventLoop) timer.loop();
            this.target = target;
        }

        /**
         * Connects at once to a server given by IP. A connect decided before it returns (a local server's SYN-ACK, or
         * a refusal) allocates nothing: a {@link ProbeRun} and its deadline exist only for a check that waits.
         */
        @Override
        public void start(Consumer<CheckResult> onDone) {
            running = null;
            if (target.address().isUnresolved()) {
                ProbeRun run = probe.newRun(timer, onDone);
                running = run;
                resolved(loop, target.address(), run, address -> connect(address, run));
                return;
            }
            long startedNanos = System.nanoTime();
            CheckSocket socket = idle;
            idle = null;
            try {
                if (socket == null) {
                    socket = CheckSocket.forConnectCheck(loop, target.address());
                }
                if (socket.connect(target.address())) {
                    if (!passed(socket)) {
                        socket.reset();
                    }
                    onDone.accept(CONNECTED);
                    return;
                }
            } catch (IOException e) {
                if (socket != null) {
                    socket.reset();
                }
                onDone.accept(connectFailure(e));
                return;
            }
            ProbeRun run = probe.newUnarmedRun(timer, startedNanos, onDone);
            running = run;
            run.attach(socket::reset);
            awaitConnect(run, socket);
        }

        /** Connects to a server given by name, once resolved: a new socket each time (see {@link #passed}). */
        private void connect(InetSocketAddress address, ProbeRun run) {
            try {
                CheckSocket socket = CheckSocket.forConnectCheck(loop, address);
                run.attach(socket::reset);
                if (socket.connect(address)) {
                    run.complete(CONNECTED);
                } else {
                    awaitConnect(run, socket);
                }
            } catch (IOException e) {
                run.complete(connectFailure(e));
            }
        }

        private void awaitConnect(ProbeRun run, CheckSocket socket) {
            run.armDeadline();
            try {
                socket.watch(loop, CheckSocket.Interest.CONNECT, () -> connectEnded(run, socket));
            } catch (IOException e) {
                run.complete(connectFailure(e));
            }
        }

        private void connectEnded(ProbeRun run, CheckSocket socket) {
            if (run.done()) {
                return;
            }
            try {
                if (socket.finishConnect()) {
                    if (passed(socket)) {
                        run.completeKeepingConnection(CONNECTED);
                    } else {
                        run.complete(CONNECTED);
                    }
                }
            } catch (IOException e) {
                run.complete(connectFailure(e));
            }
        }

        /**
         * Resets the connection of a passed check and keeps the socket for the next check where possible: true when
         * kept, false when the caller must close it. A server given by name may resolve to the other address family
         * next time: its checks open a socket each.
         */
        private boolean passed(CheckSocket socket) {
            if (!target.address().isUnresolved() && socket.disconnect()) {
                idle = socket;
                return true;
            }
            return false;
        }

        @Override
        public void stop() {
            if (running != null) {
                running.abort();
            }
            if (idle != null) {
                idle.reset();
                idle = null;
            }
        }
    }
}
