package dev.ballast.node.admin;

import dev.ballast.node.config.HealthCheckConfig;
import dev.ballast.node.config.HostPort;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where two configurations differ, as configuration paths ({@code backends[web].servers[web1].weight},
 * {@code frontends[http] (removed)}). Walks the configuration records; lists of named items are matched by name.
 * Only paths are reported, never values: some are secrets.
 */
final class ConfigDiff {

    /** Records that are one value in the configuration (host:port, 200-399), not a section of keys. */
    private static final Set<Class<?>> VALUES = Set.of(HostPort.class, HealthCheckConfig.StatusRange.class);

    private ConfigDiff() {
    }

    static List<String> paths(Object before, Object after) {
        List<String> out = new ArrayList<>();
        diff("", before, after, out);
        return out;
    }

    private static void diff(String path, Object a, Object b, List<String> out) {
        if (a instanceof Optional<?> oa && b instanceof Optional<?> ob) {
            if (oa.isPresent() && ob.isPresent()) {
                diff(path, oa.get(), ob.get(), out);
            } else if (oa.isPresent() != ob.isPresent()) {
                out.add(path);
            }
        } else if (a instanceof Pattern pa && b instanceof Pattern pb) {
            // Pattern has no equals of its own.
            if (!pa.pattern().equals(pb.pattern()) || pa.flags() != pb.flags()) {
                out.add(path);
            }
        } else if (a instanceof Record && b instanceof Record && a.getClass() == b.getClass()
                && !VALUES.contains(a.getClass())) {
            for (RecordComponent component : a.getClass().getRecordComponents()) {
                diff(join(path, kebab(component.getName())), value(component, a), value(component, b), out);
            }
        } else if (a instanceof List<?> la && b instanceof List<?> lb) {
            Map<String, Object> namedA = byName(la);
            Map<String, Object> namedB = byName(lb);
            if (namedA != null && namedB != null) {
                diffNamed(path, namedA, namedB, out);
            } else if (la.size() != lb.size()) {
                out.add(path);
            } else {
                for (int i = 0; i < la.size(); i++) {
                    diff(path + "[" + i + "]", la.get(i), lb.get(i), out);
                }
            }
        } else if (!Objects.equals(a, b)) {
            out.add(path);
        }
    }

    private static void diffNamed(String path, Map<String, Object> a, Map<String, Object> b, List<String> out) {
        for (Map.Entry<String, Object> entry : a.entrySet()) {
            String itemPath = path + "[" + entry.getKey() + "]";
            if (b.containsKey(entry.getKey())) {
                diff(itemPath, entry.getValue(), b.get(entry.getKey()), out);
            } else {
                out.add(itemPath + " (removed)");
            }
        }
        for (String name : b.keySet()) {
            if (!a.containsKey(name)) {
                out.add(path + "[" + name + "] (added)");
            }
        }
        List<String> commonOrderA = a.keySet().stream().filter(b::containsKey).toList();
        List<String> commonOrderB = b.keySet().stream().filter(a::containsKey).toList();
        if (!commonOrderA.equals(commonOrderB)) {
            out.add(path + " (order)");
        }
    }

    /** The items by their {@code name} component, in order; null when the items are not named records. */
    private static Map<String, Object> byName(List<?> items) {
        Map<String, Object> named = new LinkedHashMap<>();
        for (Object item : items) {
            if (!(item instanceof Record)) {
                return null;
            }
            RecordComponent name = nameComponent(item.getClass());
            if (name == null) {
                return null;
            }
            named.put(String.valueOf(value(name, item)), item);
        }
        return named;
    }

    private static RecordComponent nameComponent(Class<?> type) {
        for (RecordComponent component : type.getRecordComponents()) {
            if (component.getName().equals("name") && component.getType() == String.class) {
                return component;
            }
        }
        return null;
    }

    private static Object value(RecordComponent component, Object record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component + " of a configuration record", e);
        }
    }

    private static String join(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** gracefulStop to graceful-stop, as keys are written in the configuration. */
    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
