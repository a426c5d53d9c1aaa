package dev.ballast.node.proxy.http;

import dev.ballast.node.config.FrontendConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;

import java.util.List;

/**
 * Tells the server who the client is: X-Forwarded-For (appended to what earlier proxies wrote),
 * X-Forwarded-Proto / -Port / -Host and X-Real-IP (replaced), each as the frontend configures.
 */
final class ForwardedHeaders {

    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");
    static final AsciiString X_FORWARDED_PROTO = AsciiString.cached("x-forwarded-proto");
    static final AsciiString X_FORWARDED_PORT = AsciiString.cached("x-forwarded-port");
    static final AsciiString X_FORWARDED_HOST = AsciiString.cached("x-forwarded-host");
    static final AsciiString X_REAL_IP = AsciiString.cached("x-real-ip");
    private static final AsciiString HTTP = AsciiString.cached("http");

    private ForwardedHeaders() {
    }

    /**
     * @param clientIp  the client's address as text
     * @param localPort the frontend port the client connected to, as text
     */
    static void apply(HttpHeaders headers, FrontendConfig.ForwardedHeaders config, String clientIp,
                      String localPort) {
        if (config.xForwardedFor()) {
            appendForwardedFor(headers, clientIp);
        }
        if (config.xForwardedProto()) {
            headers.set(X_FORWARDED_PROTO, HTTP);
        }
        if (config.xForwardedPort()) {
            headers.set(X_FORWARDED_PORT, localPort);
        }
        if (config.xForwardedHost()) {
            String host = headers.get(HttpHeaderNames.HOST);
            if (host == null) {
                headers.remove(X_FORWARDED_HOST);
            } else {
                headers.set(X_FORWARDED_HOST, host);
            }
        }
        if (config.xRealIp()) {
            headers.set(X_REAL_IP, clientIp);
        }
    }

    private static void appendForwardedFor(HttpHeaders headers, String clientIp) {
        List<String> earlier = headers.getAll(X_FORWARDED_FOR);
        if (earlier.isEmpty()) {
            headers.set(X_FORWARDED_FOR, clientIp);
            return;
        }
        StringBuilder chain = new StringBuilder(64);
        for (String hop : earlier) {
            chain.append(hop).append(", ");
        }
        headers.set(X_FORWARDED_FOR, chain.append(clientIp).toString());
    }
}
