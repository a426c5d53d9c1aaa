package dev.ballast.cluster.vip;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Moves the VIP with {@code vip-scripts/vip-up}, {@code vip-down} and {@code vip-status} on one interface, and in a
 * deliberate handover has {@code vip-handover} pass the segments of connections this node does not know on to the
 * former owner (exit codes documented in the scripts' headers).
 */
public final class ScriptVipBackend implements VipBackend {

    private static final Logger LOG = LogManager.getLogger(ScriptVipBackend.class);
    private static final int HELD = 0;
    private static final int NOT_HELD = 1;

    private final Path scriptDir;
    private final String iface;
    private final ScriptRunner runner;

    /**
     * @param scriptDir directory holding vip-up, vip-down, vip-status and vip-handover
     * @param iface     interface the VIPs are added to
     * @param timeout   hard limit per script run (they normally take a few milliseconds)
     */
    public ScriptVipBackend(Path scriptDir, String iface, Duration timeout) {
        for (String script : List.of("vip-up", "vip-down", "vip-status", "vip-handover")) {
            if (!Files.isExecutable(scriptDir.resolve(script))) {
                throw new IllegalArgumentException("VIP script " + scriptDir.resolve(script)
                        + " is missing or not executable");
            }
        }
        this.scriptDir = scriptDir;
        this.iface = iface;
        this.runner = new ScriptRunner(timeout);
    }

    @Override
    public void acquire(String vip) throws VipException {
        expectSuccess(command("vip-up", vip, iface));
    }

    /**
     * Sets the forwarding up before vip-up announces the VIP: from the announcement on, clients' segments arrive
     * here, those of connections the former owner accepted included. Without it (not a neighbour on the interface,
     * no iptables...) the VIP is taken all the same, and the log says what clients may see.
     */
    @Override
    public void acquireFrom(String vip, InetAddress formerOwner) throws VipException {
        String former = formerOwner.getHostAddress();
        List<String> begin = command("vip-handover", "begin", vip, iface, former);
        ScriptRunner.Result forwarding = runner.run(begin);
        if (forwarding.exitCode() == 0) {
            LOG.info("Handover of VIP {} from {}: segments of connections this node does not know go on to it",
                    vip, former);
        } else {
            LOG.warn("Handover of VIP {} from {} without forwarding ({}): a client whose connection {} accepted and "
                    + "whose next segment arrives here after the announcement gets a reset", vip, former,
                    failure(begin, forwarding).getMessage(), former);
        }
        acquire(vip);
    }

    /** Logs how many segments went on to the former owner (vip-handover prints it). */
    @Override
    public void endHandover(String vip) throws VipException {
        List<String> end = command("vip-handover", "end", vip, iface);
        ScriptRunner.Result result = runner.run(end);
        if (result.exitCode() != 0) {
            throw failure(end, result);
        }
        LOG.info("{}", result.output().isEmpty() ? "handover of " + vip + " ended" : result.output());
    }

    @Override
    public void release(String vip) throws VipException {
        expectSuccess(command("vip-down", vip, iface));
    }

    @Override
    public void reassert(String vip) throws VipException {
        List<String> status = command("vip-status", vip, iface);
        ScriptRunner.Result result = runner.run(status);
        if (result.exitCode() == NOT_HELD) {
            LOG.error("VIP {} vanished from {} although this node owns it (removed by hand or by another tool?); "
                    + "adding it again", vip, iface);
        } else if (result.exitCode() != HELD) {
            throw failure(status, result);
        }
        acquire(vip); // adds it if missing, and re-announces it either way
    }

    private void expectSuccess(List<String> command) throws VipException {
        ScriptRunner.Result result = runner.run(command);
        if (result.exitCode() != 0) {
            throw failure(command, result);
        }
        if (!result.output().isEmpty()) {
            LOG.warn("{} {}: {}", Path.of(command.get(0)).getFileName(),
                    String.join(" ", command.subList(1, command.size())), result.output());
        }
    }

    private List<String> command(String script, String... arguments) {
        List<String> command = new ArrayList<>(List.of(scriptDir.resolve(script).toString()));
        command.addAll(List.of(arguments));
        return command;
    }

    private static VipException failure(List<String> command, ScriptRunner.Result result) {
        return new VipException(String.join(" ", command) + " exited with " + result.exitCode()
                + (result.output().isEmpty() ? "" : ": " + result.output()));
    }
}
