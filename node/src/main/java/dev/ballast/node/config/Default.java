package dev.ballast.node.config;

/** What a {@link Setting} is when its key is absent. */
sealed interface Default<T> {

    /** The key may be omitted and then has this value. */
    record Value<T>(T value) implements Default<T> {
    }

    /** The key may be omitted and then the model holds an empty Optional. */
    record None<T>() implements Default<T> {
    }

    /** The key must be given. */
    record Required<T>() implements Default<T> {
    }
}
