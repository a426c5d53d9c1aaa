package dev.ballast.node.config;

import java.util.List;

/**
 * A nested YAML map of settings.
 *
 * @param optional when absent, the model holds an empty Optional instead of a section of defaults
 */
record Section(String key, String description, boolean optional, List<Field> fields) implements Field {

    Section {
        fields = List.copyOf(fields);
    }

    static Section of(String key, String description, Field... fields) {
        return new Section(key, description, false, List.of(fields));
    }

    static Section optional(String key, String description, Field... fields) {
        return new Section(key, description, true, List.of(fields));
    }

    List<String> keys() {
        return fields.stream().map(Field::key).toList();
    }
}
