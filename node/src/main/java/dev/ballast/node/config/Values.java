package dev.ballast.node.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One YAML map read by the schema: its valid values, which keys were given, its sections and its lists of items.
 * Rules and the binder read configuration through it; a value that failed to parse is simply not found here (its
 * error is already reported), so rules never pile follow-up errors on top of it.
 */
final class Values {

    private final String path;
    private final Map<String, Object> parsed;
    private final Set<String> given;
    private final Map<String, Optional<Values>> sections;
    private final Map<String, List<Values>> lists;
    private final boolean known;

    Values(String path, Map<String, Object> parsed, Set<String> given, Map<String, Optional<Values>> sections,
           Map<String, List<Values>> lists) {
        this.path = path;
        this.parsed = Map.copyOf(parsed);
        this.given = Set.copyOf(given);
        this.sections = Map.copyOf(sections);
        this.lists = Map.copyOf(lists);
        this.known = true;
    }

    private Values(String path) {
        this.path = path;
        this.parsed = Map.of();
        this.given = Set.of();
        this.sections = Map.of();
        this.lists = Map.of();
        this.known = false;
    }

    /**
     * A map whose YAML had the wrong shape (e.g. a string where a map belongs): nothing in it is known, not even
     * defaults, so rules skip it instead of judging values the user never meant.
     */
    static Values unknown(String path) {
        return new Values(path);
    }

    /** Where this map is, e.g. {@code backends[web]}; empty at the top level. */
    String path() {
        return path;
    }

    /** Where a key of this map is, e.g. {@code backends[web].retries}. */
    String path(Field field) {
        return path.isEmpty() ? field.key() : path + "." + field.key();
    }

    /** The value given, or the default when the key is absent; empty when none, or when the given value was invalid. */
    @SuppressWarnings("unchecked")
    <T> Optional<T> find(Setting<T> setting) {
        if (!known) {
            return Optional.empty();
        }
        if (parsed.containsKey(setting.key())) {
            return Optional.of((T) parsed.get(setting.key()));
        }
        if (!given.contains(setting.key()) && setting.byDefault() instanceof Default.Value<T> value) {
            return Optional.of(value.value());
        }
        return Optional.empty();
    }

    /** For the binder, after validation passed: the value of a setting that has one. */
    <T> T get(Setting<T> setting) {
        return find(setting).orElseThrow(() -> new IllegalStateException(path(setting) + " has no valid value"));
    }

    /** Whether the key was written in the configuration (whether or not its value was valid). */
    boolean isGiven(Setting<?> setting) {
        return given.contains(setting.key());
    }

    /** A section that is always there (absent in YAML means all defaults; malformed means {@link #unknown}). */
    Values section(Section section) {
        return optionalSection(section).orElseGet(() -> unknown(path(section)));
    }

    Optional<Values> optionalSection(Section section) {
        return sections.getOrDefault(section.key(), Optional.empty());
    }

    List<Values> items(ItemList list) {
        return lists.getOrDefault(list.key(), List.of());
    }
}
