package dev.ballast.node.logging;

/**
 * What the access log says about one request. Strings may be null when unknown (logged as "-" or JSON null);
 * timings are in milliseconds, -1 when the step did not happen (as in HAProxy's log).
 *
 * @param startMillis when the request's first byte arrived (epoch milliseconds)
 * @param client      client address, {@code ip:port}
 * @param frontend    frontend name
 * @param backend     backend name
 * @param server      server name (of the last attempt)
 * @param method      request method
 * @param uri         request URI as received
 * @param status      status sent to the client, -1 when none was (the connection was cut)
 * @param bytesIn     bytes read from the client for this request, head included
 * @param bytesOut    bytes sent to the client for this request, head included
 * @param tq          Tq: time to receive the whole request head, from its first byte
 * @param tw          Tw: time spent waiting in server queues
 * @param tc          Tc: time to connect to the server (0 for a pooled connection)
 * @param tr          Tr: time from the connection being ready to the server's response head
 * @param tt          Tt: total time, from the request's first byte to the end of its response
 */
public record AccessRecord(long startMillis, String client, String frontend, String backend, String server,
                           String method, String uri, int status, long bytesIn, long bytesOut,
                           long tq, long tw, long tc, long tr, long tt) {
}
