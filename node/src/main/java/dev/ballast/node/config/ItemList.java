package dev.ballast.node.config;

import java.util.List;
import java.util.Optional;

/**
 * A YAML sequence of maps, such as frontends or servers.
 *
 * @param noun     what one item is called in messages ("backend")
 * @param nameKey  the setting that names an item; paths then read {@code backends[web]} instead of {@code backends[0]}
 *                 and names must be unique in the list
 * @param minItems the fewest items a valid configuration has
 */
record ItemList(String key, String description, String noun, Optional<Setting<String>> nameKey, int minItems,
                List<Field> fields) implements Field {

    ItemList {
        fields = List.copyOf(fields);
    }

    /** A list whose items are named by their {@code name} key, which must be unique. */
    static ItemList named(String key, String description, String noun, Setting<String> name, int minItems,
                          Field... otherFields) {
        List<Field> fields = new java.util.ArrayList<>();
        fields.add(name);
        fields.addAll(List.of(otherFields));
        return new ItemList(key, description, noun, Optional.of(name), minItems, fields);
    }

    static ItemList indexed(String key, String description, String noun, Field... fields) {
        return new ItemList(key, description, noun, Optional.empty(), 0, List.of(fields));
    }

    List<String> keys() {
        return fields.stream().map(Field::key).toList();
    }
}
