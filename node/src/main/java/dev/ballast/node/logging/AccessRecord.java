package dev.ballast.node.logging;

/**
 * What the access log says about one request. Strings may be null when unknown (logged as "-"); timings are in
 * milliseconds, -1 when the step did not happen (as in HAProxy's log).
 *
 * @param client   client address, {@code ip:port}
 * @param frontend frontend name
 * @param backend  backend name
 * @param server   server name
 * @param method   request method
 * @param uri      request URI as received
 * @param status   status sent to the client
 * @param bytes    response bytes sent to the client
 * @param tq       time to receive the whole request head
 * @param tw       time waiting in a server queue
 * @param tc       time to connect to the server
 * @param tr       time from sending the request to the server's response head
 * @param tt       total time, from accepting the request to the end of its response
 */
public record AccessRecord(String client, String frontend, String backend, String server, String method, String uri,
                           int status, long bytes, long tq, long tw, long tc, long tr, long tt) {
}
