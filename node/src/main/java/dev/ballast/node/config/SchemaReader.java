package dev.ballast.node.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.commons.configuration2.tree.ImmutableNode;

/**
 * Walks the node tree Commons Configuration built from YAML along the schema: parses every value, fills in defaults
 * and reports every structural problem (unknown keys, missing keys, wrong types, duplicate names) with its path.
 *
 * <p>In that tree a YAML list becomes several sibling nodes with the same name, and a map becomes a node with children.
 */
final class SchemaReader {

    private final Interpolation interpolation;
    private final List<ConfigError> errors;

    SchemaReader(Interpolation interpolation, List<ConfigError> errors) {
        this.interpolation = interpolation;
        this.errors = errors;
    }

    Values readTopLevel(ImmutableNode root) {
        return readMap(root.getChildren(), ConfigSchema.TOP_LEVEL, "");
    }

    private Values readMap(List<ImmutableNode> children, List<Field> fields, String path) {
        Map<String, List<ImmutableNode>> byKey = new LinkedHashMap<>();
        for (ImmutableNode child : children) {
            byKey.computeIfAbsent(child.getNodeName(), k -> new ArrayList<>()).add(child);
        }
        reportUnknownKeys(byKey.keySet(), fields, path);

        Map<String, Object> parsed = new HashMap<>();
        Set<String> given = new HashSet<>();
        Map<String, Optional<Values>> sections = new HashMap<>();
        Map<String, List<Values>> lists = new HashMap<>();
        for (Field field : fields) {
            List<ImmutableNode> nodes = byKey.getOrDefault(field.key(), List.of());
            String fieldPath = path.isEmpty() ? field.key() : path + "." + field.key();
            if (field instanceof Setting<?> setting) {
                if (!isEmpty(nodes)) {
                    given.add(setting.key());
                    readSetting(setting, nodes, fieldPath).ifPresent(value -> parsed.put(setting.key(), value));
                } else if (setting.isRequired()) {
                    errors.add(new ConfigError(fieldPath, "required but missing"));
                }
            } else if (field instanceof Section section) {
                sections.put(section.key(), readSection(section, nodes, fieldPath));
            } else if (field instanceof ItemList list) {
                lists.put(list.key(), readList(list, nodes, fieldPath));
            }
        }
        return new Values(path, parsed, given, sections, lists);
    }

    private void reportUnknownKeys(Set<String> keys, List<Field> fields, String path) {
        List<String> known = fields.stream().map(Field::key).toList();
        for (String key : keys) {
            if (!known.contains(key)) {
                String hint = Suggestion.closest(key, known).map(word -> "did you mean `" + word + "`?")
                        .orElse("known keys: " + String.join(", ", known));
                errors.add(new ConfigError(path.isEmpty() ? key : path + "." + key, "unknown key (" + hint + ")"));
            }
        }
    }

    private Optional<Object> readSetting(Setting<?> setting, List<ImmutableNode> nodes, String path) {
        if (nodes.stream().anyMatch(node -> !node.getChildren().isEmpty())) {
            errors.add(new ConfigError(path, "expected a value (" + setting.type().name() + "), got a map"));
            return Optional.empty();
        }
        if (!(setting.type() instanceof ListType<?>) && nodes.size() > 1) {
            errors.add(new ConfigError(path, "expected a single value (" + setting.type().name() + "), got a list"));
            return Optional.empty();
        }
        try {
            List<Object> raw = new ArrayList<>();
            for (ImmutableNode node : nodes) {
                if (node.getValue() != null) {
                    raw.add(interpolation.resolve(node.getValue()));
                }
            }
            return Optional.of(setting.type().parse(setting.type() instanceof ListType<?> ? raw : raw.get(0)));
        } catch (InvalidValueException e) {
            errors.add(new ConfigError(path, e.getMessage()));
            return Optional.empty();
        }
    }

    private Optional<Values> readSection(Section section, List<ImmutableNode> nodes, String path) {
        if (nodes.size() > 1) {
            errors.add(new ConfigError(path, "expected a map of settings, got a list"));
            return malformed(section, path);
        }
        if (nodes.isEmpty() && section.optional()) {
            return Optional.empty();
        }
        if (!nodes.isEmpty() && nodes.get(0).getValue() != null) {
            errors.add(new ConfigError(path, "expected a map of settings (" + String.join(", ", section.keys())
                    + "), got " + ValueTypes.quoted(nodes.get(0).getValue())));
            return malformed(section, path);
        }
        return Optional.of(readMap(nodes.isEmpty() ? List.of() : nodes.get(0).getChildren(), section.fields(), path));
    }

    private static Optional<Values> malformed(Section section, String path) {
        return section.optional() ? Optional.empty() : Optional.of(Values.unknown(path));
    }

    private List<Values> readList(ItemList list, List<ImmutableNode> nodes, String path) {
        List<ImmutableNode> items = isEmpty(nodes) ? List.of() : nodes;
        if (items.size() < list.minItems()) {
            errors.add(new ConfigError(path, "at least " + list.minItems() + " " + list.noun() + " is required"));
        }
        List<String> labels = labels(list, items, path);
        List<Values> read = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ImmutableNode item = items.get(i);
            String itemPath = path + "[" + labels.get(i) + "]";
            if (item.getChildren().isEmpty() && item.getValue() != null) {
                errors.add(new ConfigError(itemPath, "expected a map with the keys of a " + list.noun() + " ("
                        + String.join(", ", list.keys()) + "), got " + ValueTypes.quoted(item.getValue())));
                continue;
            }
            read.add(readMap(item.getChildren(), list.fields(), itemPath));
        }
        return read;
    }

    /**
     * How each item appears in paths: by its name when it has a valid one not used by an earlier item, else by its
     * index. Reports duplicate names here, where both items are known.
     */
    private List<String> labels(ItemList list, List<ImmutableNode> items, String path) {
        List<String> labels = new ArrayList<>();
        Map<String, Integer> firstIndexOfName = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            String label = Integer.toString(i);
            ImmutableNode item = items.get(i);
            Optional<String> name = list.nameKey().flatMap(key -> validName(key, item));
            if (name.isPresent()) {
                Integer first = firstIndexOfName.putIfAbsent(name.get(), i);
                if (first == null) {
                    label = name.get();
                } else {
                    errors.add(new ConfigError(path + "[" + i + "].name", "duplicate " + list.noun() + " name \""
                            + name.get() + "\" (the first is " + path + "[" + first + "])"));
                }
            }
            labels.add(label);
        }
        return labels;
    }

    private static Optional<String> validName(Setting<String> nameKey, ImmutableNode item) {
        List<Object> values = item.getChildren().stream()
                .filter(child -> child.getNodeName().equals(nameKey.key()) && child.getChildren().isEmpty())
                .map(ImmutableNode::getValue).toList();
        if (values.size() != 1 || values.get(0) == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(nameKey.type().parse(values.get(0)));
        } catch (InvalidValueException e) {
            return Optional.empty();
        }
    }

    /** {@code key:} with nothing after it, or {@code key: {}}, is as good as absent. */
    private static boolean isEmpty(List<ImmutableNode> nodes) {
        return nodes.stream().allMatch(node -> node.getValue() == null && node.getChildren().isEmpty());
    }

}
