package dev.ballast.node.proxy.http;

/**
 * When an exchange in flight counts as stalled, and whose fault it is. Each side must make progress while the other
 * is ready for it: the client must send its body while the server accepts it (client idle timeout), the server must
 * accept the body (server timeout), the server must send its response once it has the whole request or has started
 * answering (server timeout), and the client must read the response (client idle timeout). A side that waits only
 * because the other one is slow is never blamed. Times are {@link System#nanoTime()} values. Pure logic.
 */
final class StallTimeouts {

    enum Stall {
        NONE,
        /** The client sent no request body bytes for the client idle timeout. */
        CLIENT_SILENT,
        /** The server did not accept request body bytes for the server timeout. */
        SERVER_NOT_READING,
        /** The server sent no response bytes for the server timeout. */
        SERVER_SILENT,
        /** The client did not read response bytes for the client idle timeout. */
        CLIENT_NOT_READING
    }

    private final long serverNanos;
    private final long clientNanos;
    private long attachedNanos;
    private long lastServerActivityNanos;
    private boolean serverUnwritable;
    private long serverUnwritableSinceNanos;
    private boolean clientUnwritable;
    private long clientUnwritableSinceNanos;

    StallTimeouts(long serverNanos, long clientNanos) {
        this.serverNanos = serverNanos;
        this.clientNanos = clientNanos;
    }

    /** A server connection now carries the exchange. */
    void attached(long now) {
        attachedNanos = now;
        lastServerActivityNanos = now;
        serverUnwritable = false;
        clientUnwritable = false;
    }

    /** The server sent something, or was just handed the whole request. */
    void serverActive(long now) {
        lastServerActivityNanos = now;
    }

    /** The server connection's write buffer filled up (false) or drained (true). */
    void serverWritable(boolean writable, long now) {
        serverUnwritable = !writable;
        serverUnwritableSinceNanos = now;
    }

    /** The client connection's write buffer filled up (false) or drained (true). */
    void clientWritable(boolean writable, long now) {
        clientUnwritable = !writable;
        clientUnwritableSinceNanos = now;
    }

    /**
     * @param sendingBody    the request body is still arriving from the client
     * @param awaitingServer the request was sent whole, or the response has started
     * @param lastClientRead when bytes last arrived from the client
     * @return the nearest moment at which the exchange will count as stalled, or Long.MAX_VALUE
     */
    long deadline(boolean sendingBody, boolean awaitingServer, long lastClientRead) {
        long deadline = Long.MAX_VALUE;
        if (sendingBody) {
            deadline = serverUnwritable
                    ? serverUnwritableSinceNanos + serverNanos
                    : Math.max(lastClientRead, attachedNanos) + clientNanos;
        }
        if (awaitingServer) {
            deadline = Math.min(deadline, clientUnwritable
                    ? clientUnwritableSinceNanos + clientNanos
                    : lastServerActivityNanos + serverNanos);
        }
        return deadline;
    }

    /** Which stall, if any, has gone on too long at {@code now}; same parameters as {@link #deadline}. */
    Stall stallAt(long now, boolean sendingBody, boolean awaitingServer, long lastClientRead) {
        if (sendingBody) {
            if (!serverUnwritable) {
                if (passed(now, Math.max(lastClientRead, attachedNanos) + clientNanos)) {
                    return Stall.CLIENT_SILENT;
                }
            } else if (passed(now, serverUnwritableSinceNanos + serverNanos)) {
                return Stall.SERVER_NOT_READING;
            }
        }
        if (awaitingServer) {
            if (!clientUnwritable) {
                if (passed(now, lastServerActivityNanos + serverNanos)) {
                    return Stall.SERVER_SILENT;
                }
            } else if (passed(now, clientUnwritableSinceNanos + clientNanos)) {
                return Stall.CLIENT_NOT_READING;
            }
        }
        return Stall.NONE;
    }

    private static boolean passed(long now, long deadline) {
        return now - deadline >= 0;
    }
}
