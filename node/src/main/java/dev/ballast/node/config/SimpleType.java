package dev.ballast.node.config;

import java.util.function.Function;

/** A {@link ValueType} made of a name, a parser and a formatter; {@link ValueTypes} builds them. */
record SimpleType<T>(String name, Function<Object, T> parser, Function<T, String> formatter) implements ValueType<T> {

    @Override
    public T parse(Object raw) {
        return parser.apply(raw);
    }

    @Override
    public String format(T value) {
        return formatter.apply(value);
    }
}
