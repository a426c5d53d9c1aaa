package dev.ballast.node.cluster;

import dev.ballast.cluster.vip.BindVipBackend;
import dev.ballast.cluster.vip.ScriptVipBackend;
import dev.ballast.cluster.vip.VipBackend;
import dev.ballast.cluster.vip.VipException;
import dev.ballast.node.config.VipConfig;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The VIP backend of each configured VIP: script mode runs vip-scripts on the VIP's interface, bind mode makes the
 * frontends on the VIP listen. One {@code VipController} drives them all, on its one thread.
 */
final class VipBackends implements VipBackend {

    /** Hard limit per vip-script run; they normally take a few milliseconds. */
    private static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(3);

    private final Map<String, VipBackend> byCidr;

    private VipBackends(Map<String, VipBackend> byCidr) {
        this.byCidr = Map.copyOf(byCidr);
    }

    /**
     * @param vipScripts folder holding vip-up, vip-down, vip-status and vip-handover (needed only for script-mode
     *                   VIPs)
     */
    static VipBackends of(List<VipConfig> vips, Path vipScripts, BindVipBackend.BindListener frontends) {
        Map<String, VipBackend> scriptByIface = new HashMap<>();
        BindVipBackend bind = new BindVipBackend(frontends);
        Map<String, VipBackend> byCidr = new HashMap<>();
        for (VipConfig vip : vips) {
            VipBackend backend = switch (vip.mode()) {
                case SCRIPT -> scriptByIface.computeIfAbsent(vip.iface(),
                        iface -> new ScriptVipBackend(vipScripts, iface, SCRIPT_TIMEOUT));
                case BIND -> bind;
            };
            byCidr.put(vip.cidr(), backend);
        }
        return new VipBackends(byCidr);
    }

    @Override
    public void acquire(String vip) throws VipException {
        backendOf(vip).acquire(vip);
    }

    @Override
    public void acquireFrom(String vip, InetAddress formerOwner) throws VipException {
        backendOf(vip).acquireFrom(vip, formerOwner);
    }

    @Override
    public void endHandover(String vip) throws VipException {
        backendOf(vip).endHandover(vip);
    }

    @Override
    public void release(String vip) throws VipException {
        backendOf(vip).release(vip);
    }

    @Override
    public void reassert(String vip) throws VipException {
        backendOf(vip).reassert(vip);
    }

    private VipBackend backendOf(String vip) throws VipException {
        VipBackend backend = byCidr.get(vip);
        if (backend == null) {
            throw new VipException("VIP " + vip + " is not configured on this node (configured: " + byCidr.keySet()
                    + "); every node of a cluster needs the same vips");
        }
        return backend;
    }
}
