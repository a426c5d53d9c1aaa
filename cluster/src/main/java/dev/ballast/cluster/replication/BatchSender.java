package dev.ballast.cluster.replication;

/** Sends one encoded message to every other member of the cluster; called only on a table's own thread. */
@FunctionalInterface
public interface BatchSender {

    void send(byte[] payload) throws Exception;
}
