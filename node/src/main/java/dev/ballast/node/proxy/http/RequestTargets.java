package dev.ballast.node.proxy.http;

/** Reading the parts of a request target (origin form {@code /a?b} or absolute form {@code http://h/a?b}). */
final class RequestTargets {

    private RequestTargets() {
    }

    /** The path without the query string; for the absolute form, the path after the authority ("/" when empty). */
    static String path(String uri) {
        int start = 0;
        if (!uri.startsWith("/")) {
            int scheme = uri.indexOf("://");
            if (scheme > 0) {
                int slash = uri.indexOf('/', scheme + 3);
                if (slash < 0) {
                    return "/";
                }
                start = slash;
            }
        }
        int query = uri.indexOf('?', start);
        return query < 0 ? uri.substring(start) : uri.substring(start, query);
    }
}
