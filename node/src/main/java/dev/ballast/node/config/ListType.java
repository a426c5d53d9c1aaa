package dev.ballast.node.config;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** A YAML sequence of scalars (a single scalar is accepted as a list of one). */
record ListType<E>(ValueType<E> element) implements ValueType<List<E>> {

    @Override
    public String name() {
        return "list of " + element.name();
    }

    @Override
    public List<E> parse(Object raw) {
        List<?> items = raw instanceof List<?> list ? list : List.of(raw);
        List<E> parsed = new ArrayList<>(items.size());
        for (Object item : items) {
            parsed.add(element.parse(item));
        }
        return List.copyOf(parsed);
    }

    @Override
    public String format(List<E> value) {
        return value.stream().map(element::format).collect(Collectors.joining(", ", "[", "]"));
    }
}
