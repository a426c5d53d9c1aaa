package dev.ballast.node.config;

/**
 * How one configuration value is read from YAML and shown in the reference.
 *
 * @param <T> the typed value
 */
interface ValueType<T> {

    /** The type as the reference shows it, e.g. {@code duration}. */
    String name();

    /**
     * @param raw what YAML held: a String, Integer, Long, Double or Boolean (never null); for a {@link ListType}, a
     *            {@code List} of those
     * @throws InvalidValueException with a message saying what was expected
     */
    T parse(Object raw);

    /** The value as a user would write it in YAML, for the reference's default column. */
    String format(T value);
}
