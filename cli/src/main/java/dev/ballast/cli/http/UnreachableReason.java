package dev.ballast.cli.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;

/** Says in a few words why a request got no answer; HttpClient's exceptions often carry no message of their own. */
final class UnreachableReason {

    private UnreachableReason() {
    }

    static String of(IOException failure, URI url) {
        if (failure instanceof HttpConnectTimeoutException) {
            return "no connection within " + AdminClient.CONNECT_TIMEOUT.toSeconds() + "s";
        }
        if (failure instanceof HttpTimeoutException) {
            return "no answer within " + AdminClient.REQUEST_TIMEOUT.toSeconds() + "s";
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException) {
                return "unknown host " + url.getHost();
            }
        }
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage();
        if (failure instanceof ConnectException && (message == null || message.toLowerCase(Locale.ROOT)
                .contains("refused"))) {
            return "connection refused";
        }
        return message == null || message.isBlank() ? root.getClass().getSimpleName()
                : message.substring(0, 1).toLowerCase(Locale.ROOT) + message.substring(1);
    }
}
