package dev.ballast.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What clients saw of an outage: the outcomes of requests sent one after another, in the order they were sent.
 * The gap is the longest time between a successful request and the next successful one that had failures between
 * them (measured from the start of each request), so a slow but successful request is not counted as an outage.
 */
final class OutageMeter {

    private record Outcome(long startNanos, boolean ok) {
    }

    private final List<Outcome> outcomes = new ArrayList<>();

    /** Records one request that started at {@code startNanos} (System.nanoTime) and succeeded or not. */
    synchronized void record(long startNanos, boolean ok) {
        if (!outcomes.isEmpty() && startNanos < outcomes.get(outcomes.size() - 1).startNanos()) {
            throw new IllegalArgumentException("outcomes must be recorded in the order the requests started");
        }
        outcomes.add(new Outcome(startNanos, ok));
    }

    synchronized int requests() {
        return outcomes.size();
    }

    synchronized int failures() {
        return (int) outcomes.stream().filter(o -> !o.ok()).count();
    }

    /** Requests that succeeded after the last failure: traffic flows again. */
    synchronized int successesAfterLastFailure() {
        int count = 0;
        for (int i = outcomes.size() - 1; i >= 0 && outcomes.get(i).ok(); i--) {
            count++;
        }
        return count;
    }

    /**
     * The longest outage bounded by successes on both sides; zero when no request failed. Failures before the first
     * success or after the last one are not bounded: {@link #unboundedFailures()} tells whether there were any.
     */
    synchronized Duration longestGap() {
        long longest = 0;
        Outcome lastOk = null;
        boolean failedSince = false;
        for (Outcome outcome : outcomes) {
            if (!outcome.ok()) {
                failedSince = true;
            } else {
                if (failedSince && lastOk != null) {
                    longest = Math.max(longest, outcome.startNanos() - lastOk.startNanos());
                }
                lastOk = outcome;
                failedSince = false;
            }
        }
        return Duration.ofNanos(longest);
    }

    /** Whether some failures are not enclosed by successes (the run started or ended in an outage). */
    synchronized boolean unboundedFailures() {
        return !outcomes.isEmpty() && (!outcomes.get(0).ok() || !outcomes.get(outcomes.size() - 1).ok());
    }

    @Override
    public synchronized String toString() {
        return requests() + " requests, " + failures() + " failed, longest gap " + longestGap().toMillis() + " ms";
    }
}
