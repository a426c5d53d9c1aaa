package dev.ballast.cluster;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The cluster module's own threads: named (they show up in thread dumps and log lines) and never blocking exit. */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    public static ScheduledExecutorService singleThreadScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
