package dev.ballast.node.config;

import java.util.List;

/** A key holding a value (or a list of values), with its type, default and description. */
record Setting<T>(String key, ValueType<T> type, Default<T> byDefault, String description) implements Field {

    static <T> Setting<T> of(String key, ValueType<T> type, T defaultValue, String description) {
        return new Setting<>(key, type, new Default.Value<>(defaultValue), description);
    }

    static <T> Setting<T> optional(String key, ValueType<T> type, String description) {
        return new Setting<>(key, type, new Default.None<>(), description);
    }

    static <T> Setting<T> required(String key, ValueType<T> type, String description) {
        return new Setting<>(key, type, new Default.Required<>(), description);
    }

    /** A list of values, empty when absent. */
    static <E> Setting<List<E>> list(String key, ValueType<E> element, String description) {
        return of(key, ValueTypes.listOf(element), List.of(), description);
    }

    boolean isRequired() {
        return byDefault instanceof Default.Required;
    }

    /** The default as the reference shows it. */
    String defaultText() {
        if (byDefault instanceof Default.Value<T> value) {
            String text = type.format(value.value());
            return text.isEmpty() ? "\"\"" : text;
        }
        return byDefault instanceof Default.Required ? "(required)" : "(none)";
    }
}
