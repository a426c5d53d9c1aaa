package dev.ballast.node.cluster;

import dev.ballast.cluster.vip.BindVipBackend;
import dev.ballast.cluster.vip.VipException;
import dev.ballast.node.runtime.NodeRuntime;

/** Bind mode: owning a VIP means listening on it, with every frontend configured on its address. */
final class FrontendBinder implements BindVipBackend.BindListener {

    private final NodeRuntime runtime;
    private final VipFrontends vipFrontends;

    FrontendBinder(NodeRuntime runtime, VipFrontends vipFrontends) {
        this.runtime = runtime;
        this.vipFrontends = vipFrontends;
    }

    @Override
    public void listenOn(String address) throws VipException {
        for (String frontend : vipFrontends.on(address)) {
            try {
                runtime.listen(frontend);
            } catch (RuntimeException e) {
                throw new VipException("frontend " + frontend + " cannot listen on VIP " + address + ": "
                        + e.getMessage(), e);
            }
        }
    }

    @Override
    public void stopListeningOn(String address) {
        vipFrontends.on(address).forEach(runtime::stopListening);
    }
}
