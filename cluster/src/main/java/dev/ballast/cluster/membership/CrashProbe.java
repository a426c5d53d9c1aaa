package dev.ballast.cluster.membership;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Tells a crashed process from a hung or cut-off one: a process that died on a live host (kill -9, a crash, the JVM
 * exiting) no longer listens, so its host's kernel refuses a connection at once (a reset in answer to the SYN). A
 * frozen process (SIGSTOP, a long GC) still has its listening sockets, and the kernel completes the connection for
 * it; a cut-off or dead host does not answer at all. So only a refusal on every address counts as "gone"; a
 * connection accepted, a timeout, no route to the host or any local error means "not known to be gone" and leaves
 * the suspect to the ordinary verification.
 */
final class CrashProbe {

    /** How one connection attempt ended. */
    enum Answer {
        ACCEPTED, REFUSED, NO_ANSWER
    }

    private final InetAddress source;
    private final int timeoutMillis;

    /**
     * @param source  local address to connect from (the cluster's bind address), or null for the system's choice
     * @param timeout how long to wait for an answer to one attempt
     */
    CrashProbe(InetAddress source, Duration timeout) {
        this.source = source;
        this.timeoutMillis = (int) Math.max(1, timeout.toMillis());
    }

    /** One address probed and how it answered. */
    record Attempt(InetSocketAddress address, Answer answer) {
        @Override
        public String toString() {
            return address + " " + answer.name().toLowerCase(Locale.ROOT).replace('_', ' ');
        }
    }

    /**
     * Tries the addresses in order and stops at the first that does not refuse: that attempt, or empty when every
     * address refused. Callers must not pass an empty list, which proves nothing.
     */
    Optional<Attempt> firstNotRefusing(List<InetSocketAddress> addresses) {
        if (addresses.isEmpty()) {
            throw new IllegalArgumentException("no address to probe");
        }
        for (InetSocketAddress address : addresses) {
            Answer answer = attempt(address);
            if (answer != Answer.REFUSED) {
                return Optional.of(new Attempt(address, answer));
            }
        }
        return Optional.empty();
    }

    /** One connection attempt; an accepted connection is closed at once without a byte sent. */
    Answer attempt(InetSocketAddress address) {
        try (Socket socket = new Socket()) {
            if (source != null) {
                socket.bind(new InetSocketAddress(source, 0));
            }
            socket.connect(address, timeoutMillis);
            return Answer.ACCEPTED;
        } catch (IOException e) {
            return classify(e);
        }
    }

    /**
     * Only ECONNREFUSED proves that nothing listens (Java reports it as a {@link ConnectException} "Connection
     * refused"; an ICMP port unreachable ends the same way). The JDK also uses ConnectException for other errors
     * (a kernel timeout), and a {@code SocketTimeoutException}, {@code NoRouteToHostException} or
     * {@code BindException} says nothing about the process, hence the message check.
     */
    static Answer classify(IOException failure) {
        boolean refused = failure instanceof ConnectException
                && failure.getMessage() != null
                && failure.getMessage().toLowerCase(Locale.ROOT).contains("refused");
        return refused ? Answer.REFUSED : Answer.NO_ANSWER;
    }
}
