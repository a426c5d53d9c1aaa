package dev.ballast.cluster.membership;

import dev.ballast.cluster.replication.ReplicatedTable;
import dev.ballast.cluster.replication.TableEntry;
import dev.ballast.cluster.replication.TableSettings;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TCP;
import org.jgroups.stack.ProtocolStack;

/**
 * A cluster member with one replicated table "it" (max-entries=N, default 200,000), as its own process, for the
 * replication integration tests. Takes {@link ClusterMemberMain}'s arguments and prints its MEMBERS lines. Reads requests
 * {@code <id> <command>} from stdin and answers each with {@code ANSWER <id> <result>}:
 * <ul>
 *   <li>{@code put PREFIX COUNT TTL_MS VALUE}: writes PREFIX-0 .. PREFIX-(COUNT-1) = VALUE (TTL 0: never expire)</li>
 *   <li>{@code count PREFIX COUNT}: how many of those keys are present</li>
 *   <li>{@code check PREFIX COUNT VALUE}: how many of those keys hold VALUE</li>
 *   <li>{@code remove PREFIX COUNT}: removes those keys, answers how many there were</li>
 *   <li>{@code size}: entries held; {@code pending}: changes not yet sent; {@code stats}: the table's statistics</li>
 *   <li>{@code partition on|off}: drops all traffic to and from other members (DISCARD above TCP), or stops</li>
 * </ul>
 */
public final class ReplicationMemberMain {

    static final String TABLE = "it";

    private ReplicationMemberMain() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        Map<String, String> options = ClusterMemberMain.options(args);
        ClusterMember member = new ClusterMember(ClusterMemberMain.settings(options), true, (owned, formerOwners, reason) -> { });
        ReplicatedTable table = member.replicatedTable(TableSettings.of(TABLE,
                Integer.parseInt(options.getOrDefault("max-entries", "200000"))));
        ScheduledExecutorService viewPrinter = Executors.newSingleThreadScheduledExecutor();
        try {
            member.start();
            ClusterMemberMain.printMembersOnChange(member, out, viewPrinter);
            BufferedReader requests = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = requests.readLine(); line != null && !line.equals("stop"); line = requests.readLine()) {
                String[] words = line.trim().split("\\s+");
                try {
                    out.println("ANSWER " + words[0] + " " + answer(member, table,
                            Arrays.copyOfRange(words, 1, words.length)));
                } catch (Exception e) {
                    out.println("ANSWER " + words[0] + " error " + e);
                }
            }
        } finally {
            viewPrinter.shutdownNow();
            member.close();
        }
    }

    private static String answer(ClusterMember member, ReplicatedTable table, String[] request) throws Exception {
        String prefix = request.length > 1 ? request[1] : "";
        int count = request.length > 2 ? Integer.parseInt(request[2]) : 0;
        switch (request[0]) {
            case "put" -> {
                long ttl = Long.parseLong(request[3]);
                byte[] value = request[4].getBytes(StandardCharsets.UTF_8);
                long expiresAt = ttl == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + ttl;
                for (int i = 0; i < count; i++) {
                    table.put(prefix + "-" + i, value, expiresAt);
                }
                return "ok";
            }
            case "count" -> {
                int present = 0;
                for (int i = 0; i < count; i++) {
                    present += table.get(prefix + "-" + i) != null ? 1 : 0;
                }
                return String.valueOf(present);
            }
            case "check" -> {
                byte[] expected = request[3].getBytes(StandardCharsets.UTF_8);
                int matching = 0;
                for (int i = 0; i < count; i++) {
                    TableEntry entry = table.get(prefix + "-" + i);
                    matching += entry != null && Arrays.equals(entry.value(), expected) ? 1 : 0;
                }
                return String.valueOf(matching);
            }
            case "remove" -> {
                int removed = 0;
                for (int i = 0; i < count; i++) {
                    removed += table.remove(prefix + "-" + i) ? 1 : 0;
                }
                return String.valueOf(removed);
            }
            case "size" -> {
                return String.valueOf(table.size());
            }
            case "pending" -> {
                return String.valueOf(table.stats().pending());
            }
            case "stats" -> {
                return table.stats().toString();
            }
            case "partition" -> {
                ProtocolStack stack = member.channel().getProtocolStack();
                if (request[1].equals("on")) {
                    DISCARD discard = new DISCARD().discardAll(true);
                    discard.setAddress(member.channel().getAddress());
                    stack.insertProtocol(discard, ProtocolStack.Position.ABOVE, TCP.class);
                } else {
                    stack.removeProtocol(DISCARD.class);
                }
                return "ok";
            }
            default -> throw new IllegalArgumentException("unknown request " + String.join(" ", request));
        }
    }
}
