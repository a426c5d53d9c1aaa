package dev.ballast.cluster.membership;

import dev.ballast.cluster.election.AssignmentMode;
import dev.ballast.cluster.election.QuorumPolicy;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;

/**
 * A cluster member as its own process, for the integration tests. Arguments are key=value:
 * name, port, peers (comma-separated ports on 127.0.0.1), secret (file), profile (fast or safe), priority, preempt,
 * quorum (majority size, 0 for none, or {@code tiebreaker}: reachable until told otherwise), mode (ap or aa), vips
 * (comma-separated). Prints to stdout {@code ROLE <epoch ms> <vips|-> <reason>} on every change of owned VIPs and
 * {@code MEMBERS <names>} when the view changes; reads {@code eligible true|false}, {@code promote NODE},
 * {@code tiebreaker true|false} (whether the tiebreaker answers), {@code partition} / {@code heal} (JGroups DISCARD
 * above the transport drops / passes every message from and to the other members) and {@code stop} from stdin.
 */
public final class ClusterMemberMain {

    static final String VIP = "10.203.0.100/24";

    private ClusterMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        AtomicBoolean tiebreakerReachable = new AtomicBoolean(true);
        ClusterMember member = new ClusterMember(settings(options, tiebreakerReachable::get), true, (owned, formerOwners, reason) ->
                out.println("ROLE " + System.currentTimeMillis() + " "
                        + (owned.isEmpty() ? "-" : String.join(",", owned)) + " " + reason));
        ScheduledExecutorService viewPrinter = Executors.newSingleThreadScheduledExecutor();
        DISCARD partition = new DISCARD();
        member.channel().getProtocolStack().insertProtocol(partition, ProtocolStack.Position.ABOVE, TP.class);
        try {
            member.start();
            printMembersOnChange(member, out, viewPrinter);
            BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = commands.readLine(); line != null && !line.equals("stop"); line = commands.readLine()) {
                String[] words = line.trim().split("\\s+");
                switch (words[0]) {
                    case "eligible" -> member.setEligible(Boolean.parseBoolean(words[1]));
                    case "promote" -> member.promote(words[1]);
                    case "tiebreaker" -> tiebreakerReachable.set(Boolean.parseBoolean(words[1]));
                    case "partition" -> partition.discardAll(true);
                    case "heal" -> partition.discardAll(false);
                    default -> out.println("UNKNOWN " + line);
                }
            }
        } finally {
            viewPrinter.shutdownNow();
            member.close();
        }
    }

    static Map<String, String> options(String[] args) {
        return Arrays.stream(args).map(arg -> arg.split("=", 2)).collect(Collectors.toMap(kv -> kv[0], kv -> kv[1]));
    }

    static ClusterSettings settings(Map<String, String> options) throws Exception {
        return settings(options, () -> true);
    }

    static ClusterSettings settings(Map<String, String> options, BooleanSupplier tiebreakerReachable)
            throws Exception {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        Function<String, InetSocketAddress> onLoopback = port -> new InetSocketAddress(loopback, Integer.parseInt(port));
        String quorum = options.getOrDefault("quorum", "0");
        int quorumSize = quorum.equals("tiebreaker") ? 0 : Integer.parseInt(quorum);
        return new ClusterSettings(
                options.get("name"),
                "ballast-it",
                onLoopback.apply(options.get("port")),
                Arrays.stream(options.get("peers").split(",")).map(onLoopback).toList(),
                Path.of(options.get("secret")),
                "safe".equals(options.get("profile")) ? FailureDetectionProfile.SAFE : FailureDetectionProfile.FAST,
                quorum.equals("tiebreaker") ? new QuorumPolicy.Tiebreaker("test switch", tiebreakerReachable)
                        : quorumSize == 0 ? new QuorumPolicy.None() : new QuorumPolicy.Majority(quorumSize),
                Integer.parseInt(options.getOrDefault("priority", "100")),
                Boolean.parseBoolean(options.getOrDefault("preempt", "false")),
                "aa".equals(options.get("mode")) ? AssignmentMode.ACTIVE_ACTIVE : AssignmentMode.ACTIVE_PASSIVE,
                List.of(options.getOrDefault("vips", VIP).split(",")));
    }

    /** Prints {@code MEMBERS <names>} whenever the member's view changes (checked every 20 ms). */
    static void printMembersOnChange(ClusterMember member, PrintStream out, ScheduledExecutorService printer) {
        AtomicReference<List<String>> printed = new AtomicReference<>(List.of());
        printer.scheduleWithFixedDelay(() -> {
            List<String> members = member.members();
            if (!members.equals(printed.getAndSet(members))) {
                out.println("MEMBERS " + String.join(",", members));
            }
        }, 0, 20, TimeUnit.MILLISECONDS);
    }
}
