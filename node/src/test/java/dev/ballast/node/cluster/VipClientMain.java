package dev.ballast.node.cluster;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * A {@link ClientLoop} as a process of its own, for a client inside a network namespace: prints one line per
 * request as it completes ({@code ok NANOS} or {@code fail NANOS DETAIL}), for at most SECONDS.
 *
 * <p>Usage: {@code VipClientMain HOST PORT SECONDS}
 */
public final class VipClientMain {

    private VipClientMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        if (args.length != 3) {
            System.err.println("usage: VipClientMain HOST PORT SECONDS");
            System.exit(2);
        }
        long stopAt = System.nanoTime() + Long.parseLong(args[2]) * 1_000_000_000L;
        int printed = 0;
        try (ClientLoop client = new ClientLoop(new InetSocketAddress(args[0], Integer.parseInt(args[1])))) {
            while (System.nanoTime() < stopAt) {
                Thread.sleep(50);
                List<ClientLoop.Outcome> outcomes = client.outcomes();
                for (ClientLoop.Outcome outcome : outcomes.subList(printed, outcomes.size())) {
                    System.out.println(outcome.ok() ? "ok " + outcome.nanos()
                            : "fail " + outcome.nanos() + " " + outcome.detail());
                }
                System.out.flush();
                printed = outcomes.size();
            }
        }
    }
}
