package dev.ballast.cluster.vip;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Moves the VIP with {@code vip-scripts/vip-up}, {@code vip-down} and {@code vip-status} on one interface
 * (exit codes documented in the scripts' headers).
 */
public final class ScriptVipBackend implements VipBackend {

    private static final Logger LOG = LogManager.getLogger(ScriptVipBackend.class);
    private static final int HELD = 0;
    private static final int NOT_HELD = 1;

    private final Path scriptDir;
    private final String iface;
    private final ScriptRunner runner;

    /**
     * @param scriptDir directory holding vip-up, vip-down and vip-status
     * @param iface     interface the VIPs are added to
     * @param timeout   hard limit per script run (they normally take a few milliseconds)
     */
    public ScriptVipBackend(Path scriptDir, String iface, Duration timeout) {
        for (String script : List.of("vip-up", "vip-down", "vip-status")) {
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
        expectSuccess("vip-up", vip);
    }

    @Override
    public void release(String vip) throws VipException {
        expectSuccess("vip-down", vip);
    }

    @Override
    public void reassert(String vip) throws VipException {
        ScriptRunner.Result status = run("vip-status", vip);
        if (status.exitCode() == NOT_HELD) {
            LOG.error("VIP {} vanished from {} although this node owns it (removed by hand or by another tool?); "
                    + "adding it again", vip, iface);
        } else if (status.exitCode() != HELD) {
            throw failure("vip-status", vip, status);
        }
        expectSuccess("vip-up", vip); // adds it if missing, and re-announces it either way
    }

    private void expectSuccess(String script, String vip) throws VipException {
        ScriptRunner.Result result = run(script, vip);
        if (result.exitCode() != 0) {
            throw failure(script, vip, result);
        }
        if (!result.output().isEmpty()) {
            LOG.warn("{} {} {}: {}", script, vip, iface, result.output());
        }
    }

    private ScriptRunner.Result run(String script, String vip) throws VipException {
        return runner.run(List.of(scriptDir.resolve(script).toString(), vip, iface));
    }

    private VipException failure(String script, String vip, ScriptRunner.Result result) {
        return new VipException(scriptDir.resolve(script) + " " + vip + " " + iface + " exited with "
                + result.exitCode() + (result.output().isEmpty() ? "" : ": " + result.output()));
    }
}
