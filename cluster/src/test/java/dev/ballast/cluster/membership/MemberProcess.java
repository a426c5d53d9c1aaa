package dev.ballast.cluster.membership;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** One {@link ClusterMemberMain} JVM and what it printed. */
final class MemberProcess implements AutoCloseable {

    private static final Random RANDOM = new Random();

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final AtomicInteger nextRequest = new AtomicInteger();

    private MemberProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readStdout, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
        Thread logReader = new Thread(this::readStderr, "stderr-" + name);
        logReader.setDaemon(true);
        logReader.start();
    }

    static MemberProcess start(String name, int port, List<Integer> peers, Path secret, String... extra)
            throws IOException {
        return start(ClusterMemberMain.class, List.of("-Xmx96m", "-XX:TieredStopAtLevel=1"), name, port, peers, secret,
                extra);
    }

    /** Starts {@code main} (which takes ClusterMemberMain's arguments) with the given JVM options. */
    static MemberProcess start(Class<?> main, List<String> jvmOptions, String name, int port, List<Integer> peers,
                               Path secret, String... extra) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-Djava.net.preferIPv4Stack=true",
                "-cp", System.getProperty("java.class.path"),
                main.getName(),
                "name=" + name, "port=" + port, "secret=" + secret,
                "peers=" + String.join(",", peers.stream().map(String::valueOf).toList())));
        command.addAll(List.of(extra));
        Process process = new ProcessBuilder(command).start();
        return new MemberProcess(name, process);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    /** VIPs owned according to the last ROLE line ("" before the first one or when none). */
    String vips() {
        return lastRole().map(role -> role.split(" ", 4)[2]).map(v -> v.equals("-") ? "" : v).orElse("");
    }

    boolean ownsVip() {
        return !vips().isEmpty();
    }

    /** Epoch millis of the last ROLE line. */
    long lastRoleChangeMillis() {
        return lastRole().map(role -> Long.parseLong(role.split(" ", 4)[1])).orElseThrow();
    }

    List<String> members() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("MEMBERS ")) {
                return List.of(lines.get(i).substring("MEMBERS ".length()).split(","));
            }
        }
        return List.of();
    }

    /** Whether the process logged a line containing {@code fragment} (its log goes to stderr). */
    boolean logged(String fragment) {
        return logLines.stream().anyMatch(line -> line.contains(fragment));
    }

    /** How many lines the process logged that contain {@code fragment}. */
    long countLogged(String fragment) {
        return logLines.stream().filter(line -> line.contains(fragment)).count();
    }

    boolean everSawMember(String other) {
        return lines.stream().filter(line -> line.startsWith("MEMBERS "))
                .anyMatch(line -> List.of(line.substring(8).split(",")).contains(other));
    }

    void awaitMembers(Duration timeout, String... expected) {
        await(name + " sees members " + List.of(expected)).atMost(timeout)
                .until(() -> members().size() == expected.length && members().containsAll(List.of(expected)));
    }

    void send(String command) throws IOException {
        stdin.write(command + "\n");
        stdin.flush();
    }

    /**
     * Sends {@code command} tagged with a fresh id and waits for the process's {@code ANSWER <id> <result>} line;
     * returns the result.
     */
    String ask(Duration timeout, String command) throws IOException {
        String id = String.valueOf(nextRequest.incrementAndGet());
        send(id + " " + command);
        String prefix = "ANSWER " + id + " ";
        AtomicReference<String> answer = new AtomicReference<>();
        await(name + " answers " + command).atMost(timeout).until(() -> {
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (lines.get(i).startsWith(prefix)) {
                    answer.set(lines.get(i).substring(prefix.length()));
                    return true;
                }
            }
            return false;
        });
        return answer.get();
    }

    void kill() {
        process.destroyForcibly();
    }

    void signal(String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IOException("kill -" + signal + " " + process.pid() + " failed");
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() throws InterruptedException {
        // SIGKILL also ends a SIGSTOPped process.
        process.destroyForcibly();
        process.waitFor();
    }

    private Optional<String> lastRole() {
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).startsWith("ROLE ")) {
                return Optional.of(lines.get(i));
            }
        }
        return Optional.empty();
    }

    private void readStdout() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
                System.out.println("[" + name + "] " + line);
            }
        } catch (IOException e) {
            System.out.println("[" + name + "] stdout closed: " + e);
        }
    }

    /** Keeps the log lines for {@link #logged} and passes them on to this JVM's stderr. */
    private void readStderr() {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                logLines.add(line);
                System.err.println("[" + name + "] " + line);
            }
        } catch (IOException e) {
            System.err.println("[" + name + "] stderr closed: " + e);
        }
    }

    /**
     * A loopback port below the kernel's ephemeral range (so no outgoing connection can take it meanwhile, nor
     * connect to itself) that is free, with the port 100 above it free too (FD_SOCK2 listens there).
     */
    static int freePort() throws IOException {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + RANDOM.nextInt(12_000);
            try (ServerSocket transport = new ServerSocket(port, 1, loopback);
                 ServerSocket failureDetection = new ServerSocket(port + 100, 1, loopback)) {
                return port;
            } catch (IOException taken) {
                System.out.println("port " + port + " or " + (port + 100) + " taken, trying another: " + taken);
            }
        }
        throw new IOException("no free pair of loopback ports (p, p+100) in 20000-32100 after 200 attempts");
    }
}
