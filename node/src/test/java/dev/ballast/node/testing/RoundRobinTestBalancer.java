package dev.ballast.node.testing;

import dev.ballast.node.balance.Balancer;
import dev.ballast.node.balance.RequestContext;
import dev.ballast.node.balance.Server;

import java.util.ArrayList;
import java.util.List;

/** Test double: plain round robin over the usable servers, honouring {@code avoid} when another one is usable. */
public final class RoundRobinTestBalancer implements Balancer {

    private final List<Server> usable;
    private int next;

    public RoundRobinTestBalancer(List<Server> servers) {
        this.usable = new ArrayList<>(servers);
    }

    @Override
    public synchronized Server pick(RequestContext request, Server avoid) {
        if (usable.isEmpty()) {
            return null;
        }
        for (int i = 0; i < usable.size(); i++) {
            Server candidate = usable.get(next++ % usable.size());
            if (candidate != avoid) {
                return candidate;
            }
        }
        return usable.get(0);
    }

    @Override
    public synchronized void serverUp(Server server) {
        usable.add(server);
    }

    @Override
    public synchronized void serverDown(Server server) {
        usable.remove(server);
    }

    @Override
    public void weightChanged(Server server) {
    }

    @Override
    public void connectionTaken(Server server) {
        server.requestStarted();
    }

    @Override
    public void connectionReleased(Server server) {
        server.requestEnded();
    }
}
