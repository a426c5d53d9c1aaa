package dev.ballast.node.demo;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.Callable;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/** {@code ballast demo-backend}: runs one {@link DemoBackend} until SIGTERM or Ctrl-C. */
@Command(name = "demo-backend", mixinStandardHelpOptions = true,
        description = {
            "Runs a small HTTP/1.1 backend for demos, tests and benchmarks, until SIGTERM or Ctrl-C.",
            "Endpoints:",
            "  /              (and any other path) names the backend, echoes the request head",
            "  /health        200, or 503 after POST /health/fail until POST /health/ok",
            "  /delay?ms=N    answers after N ms",
            "  /status?code=N answers status N",
            "  /bytes?n=N     streams N bytes",
            "  POST /echo     streams the request body back",
            "  /ws            WebSocket echo",
            "Every response carries X-Backend: NAME."})
public final class DemoBackendCommand implements Callable<Integer> {

    private static final Logger LOG = LogManager.getLogger(DemoBackendCommand.class);

    @Spec
    CommandSpec spec;

    @Option(names = "--port", required = true, paramLabel = "PORT",
            description = "TCP port to listen on (0 = any free port).")
    int port;

    @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "Name in responses and the X-Backend header.")
    String name;

    @Option(names = "--bind", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}).")
    String bind;

    @Option(names = "--threads", defaultValue = "1", paramLabel = "N",
            description = "Event-loop threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Override
    public Integer call() throws InterruptedException {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be from 0 to 65535, got " + port);
        }
        DemoBackend backend;
        try {
            backend = new DemoBackend(name, new InetSocketAddress(bind, port), threads);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        try {
            backend.start();
        } catch (IOException e) {
            LOG.error(e.getMessage(), e);
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            backend.close();
            LogManager.shutdown(); // the last step of this process's stop: flush what it logged
        }, "demo-backend-stop"));
        backend.awaitClosed();
        return 0;
    }
}
