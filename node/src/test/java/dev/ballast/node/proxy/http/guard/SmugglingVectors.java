package dev.ballast.node.proxy.http.guard;

import dev.ballast.node.config.FrontendConfig;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Raw requests a strict HTTP/1.1 front end must refuse (with the expected status, connection closed,
 * nothing forwarded) and well-formed ones it must pass on. Shared by the unit test, the socket
 * integration test and, later, the tests against the full proxy.
 */
public final class SmugglingVectors {

    /** The limits the vectors are written against. */
    public static final FrontendConfig.Limits LIMITS = new FrontendConfig.Limits(1024, 2048);

    /** One raw request, Latin-1 text with explicit CR and LF. */
    public record Vector(String name, String request, int status) {
        public byte[] bytes() {
            return request.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final String POST = "POST / HTTP/1.1\r\nHost: a.example\r\n";
    private static final String CHUNKED = POST + "Transfer-Encoding: chunked\r\n\r\n";

    /** Requests that must be refused with the given status and never forwarded. */
    public static final List<Vector> REFUSED = List.of(
            // both framings
            bad("cl-then-te", POST + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            bad("te-then-cl", POST + "Transfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n0\r\n\r\n"),
            bad("cl-with-te-identity", POST + "Content-Length: 5\r\nTransfer-Encoding: identity\r\n\r\nhello"),
            // Content-Length values
            bad("cl-differing-fields", POST + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"),
            bad("cl-differing-fields-case", POST + "content-length: 5\r\nCONTENT-LENGTH: 6\r\n\r\nhello!"),
            bad("cl-differing-list", POST + "Content-Length: 5, 6\r\n\r\nhello!"),
            bad("cl-differing-http10", "POST / HTTP/1.0\r\nContent-Length: 5\r\nContent-Length: 10\r\n\r\nhello"),
            bad("cl-plus-sign", POST + "Content-Length: +5\r\n\r\nhello"),
            bad("cl-negative", POST + "Content-Length: -1\r\n\r\n"),
            bad("cl-hex", POST + "Content-Length: 0x10\r\n\r\n"),
            bad("cl-empty", POST + "Content-Length: \r\n\r\n"),
            bad("cl-empty-list-element", POST + "Content-Length: 5,\r\n\r\nhello"),
            bad("cl-overflow", POST + "Content-Length: 99999999999999999999\r\n\r\n"),
            bad("cl-inner-space", POST + "Content-Length: 5 5\r\n\r\nhello"),
            bad("cl-decimal", POST + "Content-Length: 5.0\r\n\r\nhello"),
            bad("cl-unicode-digit", POST + "Content-Length: \u00b95\r\n\r\nhello"),
            // Transfer-Encoding other than one final chunked
            bad("te-gzip-only", POST + "Transfer-Encoding: gzip\r\n\r\nhello"),
            bad("te-chunked-then-gzip", POST + "Transfer-Encoding: chunked, gzip\r\n\r\n0\r\n\r\n"),
            vector("te-gzip-then-chunked", POST + "Transfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
            bad("te-chunked-with-parameter", POST + "Transfer-Encoding: chunked;foo\r\n\r\n0\r\n\r\n"),
            bad("te-xchunked", POST + "Transfer-Encoding: xchunked\r\n\r\n0\r\n\r\n"),
            bad("te-quoted-chunked", POST + "Transfer-Encoding: \"chunked\"\r\n\r\n0\r\n\r\n"),
            bad("te-chunked-twice-in-list", POST + "Transfer-Encoding: chunked, chunked\r\n\r\n0\r\n\r\n"),
            bad("te-duplicated-headers", POST + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            bad("te-empty-element", POST + "Transfer-Encoding: , chunked\r\n\r\n0\r\n\r\n"),
            bad("te-vertical-tab", POST + "Transfer-Encoding:\u000bchunked\r\n\r\n0\r\n\r\n"),
            bad("te-form-feed-suffix", POST + "Transfer-Encoding: chunked\u000c\r\n\r\n0\r\n\r\n"),
            bad("te-in-http10", "POST / HTTP/1.0\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"),
            // header line syntax
            bad("obs-fold", POST + "X-Note: a\r\n b\r\n\r\n"),
            bad("obs-fold-tab-te", POST + "Transfer-Encoding:\r\n\tchunked\r\n\r\n0\r\n\r\n"),
            bad("first-header-line-indented", "GET / HTTP/1.1\r\n Host: a.example\r\n\r\n"),
            bad("space-before-colon", POST + "Transfer-Encoding : chunked\r\n\r\n0\r\n\r\n"),
            bad("tab-before-colon", POST + "Content-Length\t: 5\r\n\r\nhello"),
            bad("nul-in-value", "GET / HTTP/1.1\r\nHost: a.example\r\nX-Note: a\u0000b\r\n\r\n"),
            bad("bare-cr-in-value", "GET / HTTP/1.1\r\nHost: a.example\r\nX-Note: a\rb\r\n\r\n"),
            bad("nul-in-name", "GET / HTTP/1.1\r\nHost: a.example\r\nX\u0000Note: a\r\n\r\n"),
            bad("bare-cr-in-name", "GET / HTTP/1.1\r\nHost: a.example\r\nX\rNote: a\r\n\r\n"),
            bad("invalid-char-in-name", "GET / HTTP/1.1\r\nHost: a.example\r\nX@Note: a\r\n\r\n"),
            bad("non-ascii-in-name", "GET / HTTP/1.1\r\nHost: a.example\r\nX-N\u00f6te: a\r\n\r\n"),
            bad("header-without-colon", "GET / HTTP/1.1\r\nHost: a.example\r\nX-Note\r\n\r\n"),
            bad("bare-lf-header-line", "GET / HTTP/1.1\r\nHost: a.example\nX-Note: a\r\n\r\n"),
            bad("bare-lf-request-line", "GET / HTTP/1.1\nHost: a.example\r\n\r\n"),
            bad("cr-cr-lf-line-ending", "GET / HTTP/1.1\r\nHost: a.example\r\r\n\r\n"),
            bad("bare-lf-end-of-head", "GET / HTTP/1.1\r\nHost: a.example\r\n\n"),
            // chunked body framing (failures arrive after the head)
            bad("chunk-size-not-hex", CHUNKED + "zz\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-size-overflow", CHUNKED + "fffffffffffffffff1\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-size-negative", CHUNKED + "-5\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-size-leading-space", CHUNKED + " 5\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-size-0x-prefix", CHUNKED + "0x5\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-size-empty", CHUNKED + "\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-size-bare-lf", CHUNKED + "5\nhello\r\n0\r\n\r\n"),
            bad("chunk-extension-unterminated-quote", CHUNKED + "5;ext=\"abc\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-extension-control-char", CHUNKED + "5;ext\u0001=1\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-extension-overlong",
                    CHUNKED + "5;x=" + "a".repeat(LIMITS.maxRequestLine()) + "\r\nhello\r\n0\r\n\r\n"),
            bad("chunk-data-longer-than-size", CHUNKED + "5\r\nhelloXX\r\n0\r\n\r\n"),
            bad("chunk-smuggled-request-after-bad-size",
                    CHUNKED + "5 GET /admin HTTP/1.1\r\nhello\r\n0\r\n\r\n"),
            // request line
            bad("request-line-control-char", "GET /\u0001 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-space-in-target", "GET /a b HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-tab-separator", "GET\t/ HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-double-space", "GET  / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-leading-space", " GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-trailing-space", "GET / HTTP/1.1 \r\nHost: a.example\r\n\r\n"),
            bad("request-line-bare-cr", "GET /\r HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-non-ascii-target", "GET /\u00e9 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-fragment", "GET /#top HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-invalid-method", "G(T / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-relative-target", "GET index.html HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("request-line-asterisk-not-options", "GET * HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("leading-control-before-request-line", "\u0001GET / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            // versions
            bad("version-1.2", "GET / HTTP/1.2\r\nHost: a.example\r\n\r\n"),
            bad("version-2.0", "GET / HTTP/2.0\r\nHost: a.example\r\n\r\n"),
            bad("version-h2-preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
            bad("version-suffix", "GET / HTTP/1.1x\r\nHost: a.example\r\n\r\n"),
            bad("version-lowercase", "GET / http/1.1\r\nHost: a.example\r\n\r\n"),
            bad("version-missing-http09", "GET /\r\n\r\n"),
            bad("version-0.9", "GET / HTTP/0.9\r\nHost: a.example\r\n\r\n"),
            // Host
            bad("host-missing-http11", "GET / HTTP/1.1\r\nX-Note: a\r\n\r\n"),
            bad("host-twice", "GET / HTTP/1.1\r\nHost: a.example\r\nHost: b.example\r\n\r\n"),
            bad("host-twice-http10", "GET / HTTP/1.0\r\nHost: a.example\r\nHost: b.example\r\n\r\n"),
            bad("host-empty", "GET / HTTP/1.1\r\nHost: \r\n\r\n"),
            bad("host-invalid-char", "GET / HTTP/1.1\r\nHost: a.example/evil\r\n\r\n"),
            bad("host-bad-port", "GET / HTTP/1.1\r\nHost: a.example:80x\r\n\r\n"),
            bad("host-userinfo", "GET / HTTP/1.1\r\nHost: user@a.example\r\n\r\n"),
            bad("absolute-form-host-mismatch", "GET http://b.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("absolute-form-userinfo", "GET http://user@a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("absolute-form-other-scheme", "GET ftp://a.example/ HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            bad("websocket-hixie76-implicit-body", "GET /ws HTTP/1.1\r\nHost: a.example\r\nUpgrade: WebSocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key1: 1 2\r\nSec-WebSocket-Key2: 3 4\r\n\r\nGET /adm"),
            // sizes
            vector("request-line-too-long",
                    "GET /" + "a".repeat(LIMITS.maxRequestLine()) + " HTTP/1.1\r\nHost: a.example\r\n\r\n", 431),
            vector("header-too-long",
                    "GET / HTTP/1.1\r\nHost: a.example\r\nX-Big: " + "b".repeat(LIMITS.maxHeaderSize()) + "\r\n\r\n", 431),
            vector("header-section-too-large", "GET / HTTP/1.1\r\nHost: a.example\r\n"
                    + "X-Many: 0123456789012345678901234567890123456789\r\n".repeat(LIMITS.maxHeaderSize() / 40)
                    + "\r\n", 431));

    /** Well-formed requests (some unusual) that must be passed on whole. */
    public static final List<Vector> ACCEPTED = List.of(
            ok("get", "GET /index.html?q=1 HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            ok("get-with-body", "GET / HTTP/1.1\r\nHost: a.example\r\nContent-Length: 5\r\n\r\nhello"),
            ok("cl-identical-duplicates", POST + "Content-Length: 5\r\nContent-Length: 5\r\n\r\nhello"),
            ok("cl-identical-list", POST + "Content-Length: 5, 5\r\n\r\nhello"),
            ok("cl-leading-zeros", POST + "Content-Length: 005\r\n\r\nhello"),
            ok("chunked-mixed-case-with-extension-and-trailer",
                    POST + "Transfer-Encoding: Chunked\r\n\r\n5;name=value\r\nhello\r\n0\r\nX-Sum: 1\r\n\r\n"),
            ok("empty-lines-before-request-line", "\r\n\r\nGET / HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            ok("absolute-form-matching-host", "GET http://A.example:80/x HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            ok("http10-without-host", "GET / HTTP/1.0\r\n\r\n"),
            ok("options-asterisk", "OPTIONS * HTTP/1.1\r\nHost: a.example\r\n\r\n"),
            ok("ipv6-host", "GET / HTTP/1.1\r\nHost: [::1]:8080\r\n\r\n"),
            // tolerated (Netty's chunk-extension check lets an empty name pass): the size is unambiguous,
            // and the proxy re-chunks the body, so no extension ever reaches a server
            ok("chunk-extension-without-name", CHUNKED + "5;\r\nhello\r\n0\r\n\r\n"),
            ok("empty-header-value", "GET / HTTP/1.1\r\nHost: a.example\r\nX-Empty:\r\nX-Blank: \t \r\n\r\n"),
            ok("value-with-obs-text-and-tab", "GET / HTTP/1.1\r\nHost: a.example\r\nX-Note: caf\u00e9\tau lait\r\n\r\n"));

    private SmugglingVectors() {
    }

    private static Vector bad(String name, String request) {
        return vector(name, request, 400);
    }

    private static Vector vector(String name, String request, int status) {
        return new Vector(name, request, status);
    }

    private static Vector ok(String name, String request) {
        return new Vector(name, request, 200);
    }
}
