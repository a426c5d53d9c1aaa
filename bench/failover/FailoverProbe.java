import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The client of bench/failover: sends one HTTP GET over a new connection to HOST:PORT every INTERVAL_MS, whether or
 * not earlier ones have answered (open loop, so a hung request does not hide the next ones), and keeps every result.
 * The backends answer with the address of the load balancer that connected to them, so each answer names the node
 * that served it. A request fails on any error (refused, reset, not 200) or when its answer is not complete within
 * TIMEOUT_MS.
 *
 * <p>bench/failover drives it over stdin, one command a line, and reads one answer line for each:
 * <ul>
 *   <li>{@code await-stable ADDR QUIET_MS MAX_MS}: waits until every request sent during QUIET_MS (ending
 *       TIMEOUT_MS ago, so that each has its outcome) was answered by ADDR; answers {@code stable} or {@code unstable <what the last requests saw>}.</li>
 *   <li>{@code trial SYSTEM SCENARIO T0 OLD_ADDR MAX_MS TAIL_MS}: the fault happened at T0 (epoch microseconds) on
 *       the node OLD_ADDR; waits for the first successful answer through another node to a request sent after T0 and
 *       answers {@code trial SYSTEM SCENARIO gap_ms=G failed=F stall_ms=S} (or {@code no-recovery}). Requests sent
 *       up to TAIL_MS after that answer still belong to the trial (late failures of the fault, e.g. when the former
 *       owner lets go of the VIP in a handover). Each failed request of the trial is described on stderr (when it
 *       was sent, the client's port, where it failed), to be found in a packet capture.</li>
 *   <li>{@code pause}, {@code resume}: stop and restart sending (it starts paused).</li>
 *   <li>{@code vip-holders N}: how many nodes had the VIP on their interface after the last trial.</li>
 *   <li>{@code report}: a markdown table per system and scenario, then exits.</li>
 * </ul>
 *
 * <p>Run with: {@code java FailoverProbe.java HOST PORT INTERVAL_MS TIMEOUT_MS}
 */
public final class FailoverProbe {

    /** Requests sent this long before the fault count for it: they may be in flight when it strikes. */
    private static final long LEAD_MICROS = 100_000;

    private final InetSocketAddress target;
    private final long timeoutMillis;
    private final List<Result> results = new ArrayList<>();
    private final List<Trial> trials = new ArrayList<>();
    /** Starts paused: no requests pile up in the accept queue of a node that is still starting. */
    private volatile boolean paused = true;
    private final ThreadPoolExecutor senders = new ThreadPoolExecutor(0, 2000, 10, TimeUnit.SECONDS,
            new SynchronousQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "probe");
                thread.setDaemon(true);
                return thread;
            });

    private FailoverProbe(InetSocketAddress target, long timeoutMillis) {
        this.target = target;
        this.timeoutMillis = timeoutMillis;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java FailoverProbe.java HOST PORT INTERVAL_MS TIMEOUT_MS");
            System.exit(2);
        }
        FailoverProbe probe = new FailoverProbe(new InetSocketAddress(args[0], Integer.parseInt(args[1])),
                Long.parseLong(args[3]));
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ticker");
            thread.setDaemon(true);
            return thread;
        });
        ticker.scheduleAtFixedRate(probe::send, 0, Long.parseLong(args[2]), TimeUnit.MILLISECONDS);
        probe.serve(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.out);
    }

    private void serve(BufferedReader commands, PrintStream out) throws IOException, InterruptedException {
        String line;
        while ((line = commands.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "await-stable" -> out.println(awaitStable(words[1], Long.parseLong(words[2]),
                        Long.parseLong(words[3])));
                case "trial" -> out.println(trial(words[1], words[2], Long.parseLong(words[3]), words[4],
                        Long.parseLong(words[5]), Long.parseLong(words[6])));
                case "pause", "resume" -> {
                    paused = words[0].equals("pause");
                    out.println("ok");
                }
                case "vip-holders" -> {
                    synchronized (this) {
                        trials.get(trials.size() - 1).vipHolders = Integer.parseInt(words[1]);
                    }
                    out.println("ok");
                }
                case "report" -> {
                    out.println(report());
                    out.flush();
                    return;
                }
                default -> out.println("error: unknown command " + words[0]);
            }
            out.flush();
        }
    }

    // ------------------------------------------------------------------------------------------------- requests

    private void send() {
        if (paused) {
            return;
        }
        Result result = new Result(nowMicros());
        synchronized (this) {
            results.add(result);
        }
        try {
            senders.execute(() -> request(result));
        } catch (RejectedExecutionException e) {
            result.finish(false, "too many requests in flight");
        }
    }

    private void request(Result result) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        String stage = "connect";
        int received = 0;
        try (Socket socket = new Socket()) {
            socket.bind(null); // the local port is known before connecting, so a failure can be found in a capture
            result.localPort = socket.getLocalPort();
            socket.connect(target, (int) Math.max(1, timeoutMillis));
            stage = "send";
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.1\r\nHost: vip\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            stage = "read";
            InputStream in = socket.getInputStream();
            StringBuilder response = new StringBuilder();
            byte[] buffer = new byte[512];
            while (true) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    throw new IOException("no complete answer within " + timeoutMillis + " ms");
                }
                socket.setSoTimeout((int) left);
                int read = in.read(buffer);
                if (read < 0) {
                    break;
                }
                received += read;
                response.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
            }
            String text = response.toString();
            int bodyStart = text.indexOf("\r\n\r\n");
            if (!text.startsWith("HTTP/1.1 200") || bodyStart < 0) {
                result.finish(false, "answer " + text.lines().findFirst().orElse("(empty)"));
            } else {
                result.finish(true, text.substring(bodyStart + 4).trim());
            }
        } catch (IOException e) {
            result.stage = stage.equals("read") ? "read after " + received + " bytes" : stage;
            result.finish(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
    }

    // --------------------------------------------------------------------------------------------------- commands

    private String awaitStable(String address, long quietMillis, long maxMillis) throws InterruptedException {
        long giveUp = nowMicros() + maxMillis * 1000;
        String seen = "nothing yet";
        while (nowMicros() < giveUp) {
            Thread.sleep(20);
            // Requests old enough to have an outcome (answer, error or timeout): a slow answer is not a stable one.
            long to = nowMicros() - (timeoutMillis + 50) * 1000;
            List<Result> window = sentBetween(to - quietMillis * 1000, to);
            synchronized (this) {
                boolean allFromAddress = window.size() >= 3 && window.stream()
                        .allMatch(result -> result.done && result.ok && address.equals(result.answer));
                if (allFromAddress) {
                    return "stable";
                }
                seen = describe(window);
            }
        }
        return "unstable " + seen;
    }

    private String trial(String system, String scenario, long faultMicros, String oldAddress, long maxMillis,
                         long tailMillis) throws InterruptedException {
        long giveUp = faultMicros + maxMillis * 1000;
        Result recovery = null;
        while (recovery == null && nowMicros() < giveUp + timeoutMillis * 1000) {
            Thread.sleep(10);
            recovery = firstAnswerFromAnotherNode(faultMicros, giveUp, oldAddress);
        }
        long end = (recovery == null ? giveUp : recovery.sentMicros) + tailMillis * 1000;
        // Every request of the window must be finished (answered or timed out) before it is counted.
        while (nowMicros() < end + timeoutMillis * 1000 + 50_000) {
            Thread.sleep(10);
        }
        Trial trial;
        synchronized (this) {
            List<Result> window = sentBetween(faultMicros - LEAD_MICROS, end);
            int failed = 0;
            for (Result result : window) {
                result.inTrial = true;
                if (!result.ok) {
                    failed++;
                    System.err.printf(Locale.ROOT, "%s %s trial %d: request sent at %+.1f ms (fault at %d us), "
                            + "port %d, failed at %s after %.1f ms: %s%n", system, scenario, trials.size() + 1,
                            (result.sentMicros - faultMicros) / 1000.0, faultMicros, result.localPort, result.stage,
                            (result.doneMicros - result.sentMicros) / 1000.0, result.answer);
                }
            }
            Long gap = recovery == null ? null : (recovery.doneMicros - faultMicros) / 1000;
            trial = new Trial(system, scenario, gap, failed, longestStallMillis(window, faultMicros), describe(window));
            trials.add(trial);
        }
        return "trial " + system + " " + scenario + " "
                + (trial.gapMillis == null ? "no-recovery within " + maxMillis + " ms" : "gap_ms=" + trial.gapMillis)
                + " failed=" + trial.failed + " stall_ms=" + trial.stallMillis + " (" + trial.seen + ")";
    }

    private synchronized Result firstAnswerFromAnotherNode(long from, long to, String oldAddress) {
        Result first = null;
        for (int i = results.size() - 1; i >= 0 && results.get(i).sentMicros >= from; i--) {
            Result result = results.get(i);
            if (result.sentMicros <= to && result.done && result.ok
                    && !oldAddress.equals(result.answer) && (first == null || result.doneMicros < first.doneMicros)) {
                first = result;
            }
        }
        return first;
    }

    /** The longest time from the fault on in which no request was answered (by any node). */
    private static long longestStallMillis(List<Result> window, long faultMicros) {
        List<Long> answers = new ArrayList<>();
        for (Result result : window) {
            if (result.ok && result.doneMicros >= faultMicros) {
                answers.add(result.doneMicros);
            }
        }
        answers.sort(Comparator.naturalOrder());
        long previous = faultMicros;
        long longest = 0;
        for (long answer : answers) {
            longest = Math.max(longest, answer - previous);
            previous = answer;
        }
        return longest / 1000;
    }

    private synchronized List<Result> sentBetween(long from, long to) {
        // The ticker appends in the order it sends: scan back from the newest.
        List<Result> window = new ArrayList<>();
        for (int i = results.size() - 1; i >= 0 && results.get(i).sentMicros >= from; i--) {
            if (results.get(i).sentMicros <= to) {
                window.add(0, results.get(i));
            }
        }
        return window;
    }

    /** Counts of what a window of requests saw: answers per node and errors per kind. */
    private static String describe(List<Result> window) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Result result : window) {
            String key = !result.done ? "pending" : result.ok ? "via " + result.answer : result.answer;
            counts.merge(key, 1, Integer::sum);
        }
        return counts.isEmpty() ? "no requests" : counts.toString();
    }

    // ----------------------------------------------------------------------------------------------------- report

    private synchronized String report() {
        StringBuilder out = new StringBuilder();
        out.append("| system | scenario | trials | gap median ms | gap p90 ms | gap max ms | failed requests"
                + " (total / max per trial) | trials with 0 failed | longest stall median / max ms"
                + " | VIP on both nodes after |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        Map<String, List<Trial>> groups = new LinkedHashMap<>();
        for (Trial trial : trials) {
            groups.computeIfAbsent(trial.system + "\t" + trial.scenario, key -> new ArrayList<>()).add(trial);
        }
        for (List<Trial> group : groups.values()) {
            List<Long> gaps = new ArrayList<>();
            List<Long> stalls = new ArrayList<>();
            int failed = 0;
            int maxFailed = 0;
            int clean = 0;
            int noRecovery = 0;
            int bothHolders = 0;
            for (Trial trial : group) {
                if (trial.gapMillis == null) {
                    noRecovery++;
                } else {
                    gaps.add(trial.gapMillis);
                }
                stalls.add(trial.stallMillis);
                failed += trial.failed;
                maxFailed = Math.max(maxFailed, trial.failed);
                clean += trial.failed == 0 ? 1 : 0;
                bothHolders += trial.vipHolders > 1 ? 1 : 0;
            }
            gaps.sort(Comparator.naturalOrder());
            stalls.sort(Comparator.naturalOrder());
            Trial first = group.get(0);
            out.append(String.format(Locale.ROOT, "| %s | %s | %d%s | %s | %s | %s | %d / %d | %d | %s / %s | %d |%n",
                    first.system, first.scenario, group.size(),
                    noRecovery == 0 ? "" : " (" + noRecovery + " without recovery)",
                    percentile(gaps, 50), percentile(gaps, 90), percentile(gaps, 100), failed, maxFailed, clean,
                    percentile(stalls, 50), percentile(stalls, 100), bothHolders));
        }
        List<Result> outside = new ArrayList<>(results);
        outside.removeIf(result -> result.inTrial || !result.done);
        long failedOutside = outside.stream().filter(result -> !result.ok).count();
        outside.removeIf(result -> result.ok);
        out.append("\nfailed requests outside the trials (restarts, settling between trials): ").append(failedOutside)
                .append(failedOutside == 0 ? "" : " " + describe(outside));
        return out.toString();
    }

    /** Nearest-rank percentile of sorted values, "-" when there are none. */
    private static String percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return "-";
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.size());
        return Long.toString(sorted.get(Math.max(0, rank - 1)));
    }

    /** One request: when it was sent, whether it was answered, and by which node (or what went wrong). */
    private static final class Result {
        final long sentMicros;
        volatile boolean done;
        volatile boolean ok;
        volatile String answer;
        volatile long doneMicros;
        /** The client's port, to find the request in a packet capture (0: not bound). */
        volatile int localPort;
        /** Where a failed request failed: connect, send, read after N bytes. */
        volatile String stage = "";
        boolean inTrial;

        Result(long sentMicros) {
            this.sentMicros = sentMicros;
        }

        void finish(boolean ok, String answer) {
            this.ok = ok;
            this.answer = answer;
            this.doneMicros = nowMicros();
            this.done = true;
        }
    }

    private static final class Trial {
        final String system;
        final String scenario;
        final Long gapMillis;
        final int failed;
        final long stallMillis;
        final String seen;
        int vipHolders;

        Trial(String system, String scenario, Long gapMillis, int failed, long stallMillis, String seen) {
            this.system = system;
            this.scenario = scenario;
            this.gapMillis = gapMillis;
            this.failed = failed;
            this.stallMillis = stallMillis;
            this.seen = seen;
        }
    }
}
