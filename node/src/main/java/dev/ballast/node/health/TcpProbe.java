package dev.ballast.node.health;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoop;

import java.io.IOException;
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

        @Override
        public void start(Consumer<CheckResult> onDone) {
            ProbeRun run = probe.newUnarmedRun(timer, onDone);
            running = run;
            if (target.address().isUnresolved()) {
                run.armDeadline();
            }
            resolved(loop, target.address(), run, address -> {
                CheckSocket socket = idle;
                idle = null;
                try {
                    if (socket == null) {
                        socket = CheckSocket.forConnectCheck(loop, address);
                    }
                    run.attach(socket::reset);
                    if (socket.connect(address)) {
                        passed(run, socket);
                        return;
                    }
                    run.armDeadline();
                    CheckSocket connecting = socket;
                    socket.watch(loop, CheckSocket.Interest.CONNECT, () -> connectEnded(run, connecting));
                } catch (IOException e) {
                    run.complete(connectFailure(e));
                }
            });
        }

        private void connectEnded(ProbeRun run, CheckSocket socket) {
            if (run.done()) {
                return;
            }
            try {
                if (socket.finishConnect()) {
                    passed(run, socket);
                }
            } catch (IOException e) {
                run.complete(connectFailure(e));
            }
        }

        /**
         * Resets the connection, keeping the socket for the next check where possible, else closing it. A server
         * given by name may resolve to the other address family next time: its checks open a socket each.
         */
        private void passed(ProbeRun run, CheckSocket socket) {
            if (!target.address().isUnresolved() && socket.disconnect()) {
                idle = socket;
                run.completeKeepingConnection(CONNECTED);
            } else {
                run.complete(CONNECTED);
            }
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
