package dev.ballast.cluster.membership;

import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.QuorumPolicy;
import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableSettings;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * How fast a replicated table replicates and what it costs: this process writes (a ClusterMember with the table),
 * a {@link ReplicationMemberMain} process receives. Measures, for a paced load of sessions-like entries (key
 * "bench-N", 16-byte value) and for an unpaced burst: entries/s, CPU microseconds per entry on the writer (put,
 * batching, encoding, encryption, sending) and on the receiver (decrypting, decoding, merging), idle CPU subtracted,
 * and the writer's time per put. Both use the safe failure-detection profile, so that a loaded machine does not
 * split them mid-run (that would add resends after the merge). Run by bench/replication; arguments: {@code rate=20000 seconds=10 burst=200000
 * port=26900}.
 */
public final class ReplicationBench {

    private static final long CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux

    private ReplicationBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = ClusterMemberMain.options(args);
        int rate = Integer.parseInt(options.getOrDefault("rate", "20000"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "10"));
        int burst = Integer.parseInt(options.getOrDefault("burst", "200000"));
        int writerPort = Integer.parseInt(options.getOrDefault("port", "26900"));
        int receiverPort = writerPort + 1;
        Path secret = Files.createTempFile("ballast-bench", ".secret",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(secret, "replication benchmark secret, not for production", StandardCharsets.UTF_8);
        List<Integer> ports = List.of(writerPort, receiverPort);

        try (MemberProcess receiver = MemberProcess.start(ReplicationMemberMain.class, List.of("-Xmx512m"), "receiver",
                receiverPort, ports, secret, "max-entries=2000000", "profile=safe")) {
            receiver.awaitMembers(Duration.ofSeconds(30), "receiver");
            InetAddress loopback = InetAddress.getByName("127.0.0.1");
            ClusterMember writer = new ClusterMember(new ClusterSettings("writer", "ballast-it",
                    new InetSocketAddress(loopback, writerPort),
                    ports.stream().map(p -> new InetSocketAddress(loopback, p)).toList(), secret,
                    FailureDetectionProfile.SAFE, new QuorumPolicy.None(), 100, false, AssignmentMode.ACTIVE_PASSIVE,
                    List.of(ClusterMemberMain.VIP)), true, (owned, formerOwners, reason) -> { });
            ReplicatedTable table = writer.replicatedTable(TableSettings.of(ReplicationMemberMain.TABLE, 2_000_000));
            writer.start();
            receiver.awaitMembers(Duration.ofSeconds(30), "receiver", "writer");
            System.out.printf("replication bench: %d CPUs, writer pid %d, receiver pid %d, load average %s%n",
                    Runtime.getRuntime().availableProcessors(), ProcessHandle.current().pid(), receiver.pid(),
                    Files.readString(Path.of("/proc/loadavg")).trim());

            run(table, receiver, "warm-up", "warm", 100_000, 0);
            long idleWriter = cpuNanos(ProcessHandle.current().pid());
            long idleReceiver = cpuNanos(receiver.pid());
            Thread.sleep(seconds * 1000L);
            double idleWriterPerSecond = (cpuNanos(ProcessHandle.current().pid()) - idleWriter) / (double) seconds;
            double idleReceiverPerSecond = (cpuNanos(receiver.pid()) - idleReceiver) / (double) seconds;
            System.out.printf("idle cluster: writer %.1f ms CPU/s, receiver %.1f ms CPU/s (subtracted below)%n",
                    idleWriterPerSecond / 1e6, idleReceiverPerSecond / 1e6);
            run(table, receiver, "paced " + rate + "/s for " + seconds + " s", "paced", rate * seconds, rate,
                    idleWriterPerSecond, idleReceiverPerSecond);
            run(table, receiver, "burst", "burst", burst, 0, idleWriterPerSecond, idleReceiverPerSecond);
            System.out.println("writer table: " + table.stats());
            System.out.println("receiver table: " + receiver.ask(Duration.ofSeconds(30), "stats"));
            writer.close();
        } finally {
            Files.deleteIfExists(secret);
        }
    }

    private static void run(ReplicatedTable table, MemberProcess receiver, String what, String prefix, int count,
                            int rate) throws Exception {
        run(table, receiver, what, prefix, count, rate, 0, 0);
    }

    /** Writes {@code count} entries ({@code rate} per second, 0: unpaced), waits until the receiver has them all. */
    private static void run(ReplicatedTable table, MemberProcess receiver, String what, String prefix, int count,
                            int rate, double idleWriterPerSecond, double idleReceiverPerSecond) throws Exception {
        long writerCpu = cpuNanos(ProcessHandle.current().pid());
        long receiverCpu = cpuNanos(receiver.pid());
        long putNanos = 0;
        long started = System.nanoTime();
        for (int i = 0; i < count; i++) {
            if (rate > 0) {
                long due = started + i * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
            byte[] value = ("server-" + (i % 16) + "-12345678").getBytes(StandardCharsets.UTF_8);
            long before = System.nanoTime();
            table.put(prefix + "-" + i, value, Long.MAX_VALUE);
            putNanos += System.nanoTime() - before;
        }
        long written = System.nanoTime();
        String expected = String.valueOf(table.size());
        while (!receiver.ask(Duration.ofSeconds(60), "size").equals(expected)) {
            Thread.sleep(10);
        }
        long replicated = System.nanoTime();
        double elapsedSeconds = (replicated - started) / 1e9;
        double writerUs = (cpuNanos(ProcessHandle.current().pid()) - writerCpu - idleWriterPerSecond * elapsedSeconds)
                / 1e3 / count;
        double receiverUs = (cpuNanos(receiver.pid()) - receiverCpu - idleReceiverPerSecond * elapsedSeconds)
                / 1e3 / count;
        System.out.printf("%-24s %8d entries in %6.2f s (writing took %6.2f s): %8.0f entries/s replicated; "
                        + "CPU per entry: writer %5.2f us, receiver %5.2f us; put %5.2f us; receiver holds %s of %d%n",
                what, count, elapsedSeconds, (written - started) / 1e9, count / elapsedSeconds, writerUs,
                receiverUs, putNanos / 1e3 / count,
                receiver.ask(Duration.ofSeconds(60), "count " + prefix + " " + count), count);
    }

    /** utime + stime of a process, from /proc. */
    private static long cpuNanos(long pid) throws IOException {
        if (pid == ProcessHandle.current().pid()) {
            return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                    .getProcessCpuTime();
        }
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime, stime (fields 14, 15)
        return ticks * 1_000_000_000L / CLOCK_TICKS_PER_SECOND;
    }
}
