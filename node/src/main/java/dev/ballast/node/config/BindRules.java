package dev.ballast.node.config;

import java.util.ArrayList;
import java.util.List;

/** No two listeners of this node on the same address and port (a wildcard address overlaps every address). */
final class BindRules implements ConfigRule {

    private record Listener(String path, HostPort address) {
    }

    @Override
    public void check(Values root, LoadContext context, List<ConfigError> errors) {
        List<Listener> listeners = new ArrayList<>();
        for (Values frontend : root.items(FrontendSchema.FRONTENDS)) {
            frontend.find(FrontendSchema.BIND).ifPresent(a -> listeners.add(new Listener(frontend.path(FrontendSchema.BIND), a)));
        }
        addIfEnabled(root.section(NodeSchema.ADMIN), NodeSchema.ADMIN_ENABLED, NodeSchema.ADMIN_BIND, listeners);
        addIfEnabled(root.section(ClusterSchema.CLUSTER), ClusterSchema.ENABLED, ClusterSchema.BIND, listeners);
        addIfEnabled(root.section(ClusterSchema.DNS), ClusterSchema.DNS_ENABLED, ClusterSchema.DNS_BIND, listeners);

        for (int i = 0; i < listeners.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (overlap(listeners.get(i).address(), listeners.get(j).address())) {
                    errors.add(new ConfigError(listeners.get(i).path(), listeners.get(i).address()
                            + " is already used by " + listeners.get(j).path() + " (" + listeners.get(j).address() + ")"));
                    break;
                }
            }
        }
    }

    private static void addIfEnabled(Values section, Setting<Boolean> enabled, Setting<HostPort> bind,
                                     List<Listener> listeners) {
        if (section.find(enabled).orElse(false)) {
            section.find(bind).ifPresent(address -> listeners.add(new Listener(section.path(bind), address)));
        }
    }

    /** Port 0 asks the system for a free port, so it never collides. */
    private static boolean overlap(HostPort a, HostPort b) {
        return a.port() != 0 && a.port() == b.port()
                && (a.host().equalsIgnoreCase(b.host()) || IpLiterals.isWildcard(a.host()) || IpLiterals.isWildcard(b.host()));
    }
}
