package dev.ballast.cli;

import dev.ballast.cli.testing.Ctl;
import dev.ballast.cli.testing.RecordingAdminServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exit statuses 0-4 and the message on stderr for each way a command can end. */
class ExitCodesTest {

    @TempDir
    Path home;

    @RegisterExtension
    final RecordingAdminServer node = new RecordingAdminServer();

    private Ctl.Result ctl(Map<String, String> variables, String... args) {
        return Ctl.run(home, variables, args);
    }

    private Ctl.Result ctl(String... args) {
        return ctl(Map.of("BALLAST_URL", node.url(), "BALLAST_TOKEN", "t"), args);
    }

    @Test
    void unauthorizedWithoutATokenExitsFourAndSaysNoneWasGiven() {
        node.reply("GET /api/v1/cluster", 401, "{\"error\":\"missing or invalid bearer token\"}");

        Ctl.Result result = ctl(Map.of("BALLAST_URL", node.url()), "members");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("auth refused by " + node.url() + " (HTTP 401): missing or invalid "
                + "bearer token; no token was given (--token-file, BALLAST_TOKEN, BALLAST_TOKEN_FILE or the "
                + "settings file)\n");
        assertThat(node.requests()).singleElement().satisfies(request ->
                assertThat(request.authorization()).isNull());
    }

    @Test
    void forbiddenWithATokenExitsFourAndSaysWhereTheTokenCameFrom() {
        node.reply("POST /api/v1/reload", 403, "{\"error\":\"this token may not reload\"}");

        Ctl.Result result = ctl("reload");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.AUTH_REFUSED);
        assertThat(result.err()).isEqualTo("auth refused by " + node.url() + " (HTTP 403): this token may not "
                + "reload; the token came from BALLAST_TOKEN\n");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 404, 405, 409, 500, 503})
    void anyOtherErrorStatusExitsOneWithTheNodesSentence(int status) {
        node.reply("POST /api/v1/cluster/promote", status, "{\"error\":\"lb9 is not a member of the cluster\"}");

        Ctl.Result result = ctl("promote", "lb9");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(result.out()).isEmpty();
        assertThat(result.err()).isEqualTo("lb9 is not a member of the cluster (HTTP " + status
                + " from POST /api/v1/cluster/promote)\n");
    }

    @Test
    void anInvalidReloadListsEveryError() {
        node.reply("POST /api/v1/reload", 422, """
                {"error":"the configuration is invalid; the running one keeps serving",
                 "errors":[{"path":"backends[web].servers[s2].weight","message":"300 is not between 0 and 256"},
                           {"path":"frontends[0].bind","message":"not a host:port"}]}""");

        Ctl.Result result = ctl("reload");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(result.err()).isEqualTo("""
                the configuration is invalid; the running one keeps serving (HTTP 422 from POST /api/v1/reload)
                  backends[web].servers[s2].weight: 300 is not between 0 and 256
                  frontends[0].bind: not a host:port
                """);
    }

    @Test
    void aReplyThatIsNotTheContractsExitsOneWithAnExcerpt() {
        node.reply("GET /api/v1/node", new RecordingAdminServer.Reply(502, "text/html",
                "<html>\n<body>Bad   gateway</body></html>"));
        node.reply("GET /api/v1/cluster", new RecordingAdminServer.Reply(200, "text/plain", "ok"));

        Ctl.Result status = ctl("status");
        Ctl.Result members = ctl("members");

        assertThat(status.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(status.err()).isEqualTo("GET /api/v1/node answered HTTP 502, not an admin API error: "
                + "<html> <body>Bad gateway</body></html>\n");
        assertThat(members.exitCode()).isEqualTo(ExitCodes.ACTION_FAILED);
        assertThat(members.err()).isEqualTo("GET /api/v1/cluster answered HTTP 200 with a body that is not JSON: ok\n");
    }

    @Test
    void aClosedPortExitsThree() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }

        Ctl.Result result = ctl(Map.of("BALLAST_TOKEN", "t"), "status", "--url", "http://127.0.0.1:" + closedPort);

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).isEqualTo("cannot reach http://127.0.0.1:" + closedPort + ": connection refused\n");
    }

    @Test
    void anUnknownHostExitsThree() {
        Ctl.Result result = ctl(Map.of(), "members", "--url", "http://no-such-host.invalid:9900");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).isEqualTo("cannot reach http://no-such-host.invalid:9900: unknown host "
                + "no-such-host.invalid\n");
    }

    @Test
    void usageErrorsExitTwoAndSendNothing() throws Exception {
        Path emptyToken = Files.writeString(home.resolve("empty"), "\n");

        assertUsage(ctl(), "a subcommand is required");
        assertUsage(ctl("frobnicate"), "Unmatched argument at index 0: 'frobnicate'");
        assertUsage(ctl("drain"), "Missing required parameter: 'BACKEND/SERVER'");
        assertUsage(ctl("drain", "web"), "expected BACKEND/SERVER, e.g. web/web1, not 'web'");
        assertUsage(ctl("drain", "web/"), "expected BACKEND/SERVER, e.g. web/web1, not 'web/'");
        assertUsage(ctl("drain", "a/b/c"), "expected BACKEND/SERVER, e.g. web/web1, not 'a/b/c'");
        assertUsage(ctl("weight", "web/web1", "heavy"), "'heavy' is not an int");
        assertUsage(ctl("weight", "web/web1", "257"), "N: 257 is not between 0 and 256");
        assertUsage(ctl("weight", "web/web1", "-1"), "N: -1 is not between 0 and 256");
        assertUsage(ctl("health", "web/web1", "sideways"), "expected one of [up, down, none]");
        assertUsage(ctl("sessions", "--key", "k"), "--key needs --backend");
        assertUsage(ctl("config"), "a subcommand is required: check");
        assertUsage(ctl("status", "--url", "ftp://x"), "--url: 'ftp://x' is not an http:// or https:// URL");
        assertUsage(ctl("status", "--token-file", home.resolve("absent").toString()),
                "cannot read the token file " + home.resolve("absent") + " (from --token-file " + home.resolve("absent")
                        + "): no such file");
        assertUsage(ctl("status", "--token-file", emptyToken.toString()), "the token file " + emptyToken);
        assertThat(node.requests()).isEmpty();
    }

    private static void assertUsage(Ctl.Result result, String message) {
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(message);
        assertThat(result.out()).isEmpty();
    }

    @Test
    void helpAndVersionExitZero() {
        Ctl.Result help = ctl("--help");
        Ctl.Result version = ctl("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Exit status:", "4   auth refused (401/403)", "drain", "completion");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).isEqualTo("ballastctl 0.1.0\n");
    }
}
