package dev.ballast.node.stats;

import java.util.Locale;

/** Why an attempt to get a response from a server failed. */
public enum ErrorKind {
    /** The connection could not be opened (refused, unreachable, connect timeout). */
    CONNECT,
    /** The server stopped reading the request or sending the response for longer than the server timeout. */
    TIMEOUT,
    /** The server closed or reset the connection, or sent an invalid response. */
    OTHER;

    /** "connect", "timeout" or "other": the label value in metrics and the key in the admin API. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
