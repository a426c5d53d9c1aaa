package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.ballast.node.config.HealthCheckConfig.StatusRange;

/**
 * README.md's configuration reference is the generated one, and it tells the truth about the typed model: every
 * documented key exists in the records with the documented default, and every record component is documented.
 */
class ConfigReferenceTest {

    private static final Path README = Path.of("..", "README.md");
    private static final Pattern HEADING = Pattern.compile("^### `([^`]+)`$");
    private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+) \\| ([^|]+) \\| .* \\|$");

    /** Keys that feed another component instead of being one. */
    private static final Set<String> INPUT_ONLY_KEYS = Set.of("admin.token-file");
    /** Components filled from another key. */
    private static final Set<String> DERIVED_COMPONENTS = Set.of("vips[].prefix");
    /** Records that are single values in YAML (host:port, 200-399), not sections. */
    private static final Set<Class<?>> VALUE_RECORDS = Set.of(HostPort.class, StatusRange.class);

    private static final String MINIMAL_CONFIG = """
            frontends:
              - name: f
                bind: 127.0.0.1:8080
                routes:
                  - backend: b
                    header:
                      name: X-Test
            backends:
              - name: b
                servers:
                  - name: s
                    address: 127.0.0.1:9001
            vips:
              - address: 10.0.0.100/24
            """;

    /** How a documented default is read, by the type column's first word(s). */
    private static final Map<String, Function<String, Object>> PARSERS = Map.ofEntries(
            Map.entry("duration", Durations::parse),
            Map.entry("size", Sizes::parse),
            Map.entry("integer", Integer::valueOf),
            Map.entry("prime", Integer::valueOf),
            Map.entry("number", Double::valueOf),
            Map.entry("boolean", Boolean::valueOf),
            Map.entry("host:port", text -> HostPorts.parse(text, true)),
            Map.entry("status", text -> ValueTypes.statusRange().parse(text)),
            Map.entry("path", Path::of));

    record DocumentedKey(String path, String type, String defaultText) {
    }

    @Test
    void readmeCarriesTheGeneratedReference() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        assertThat(readme)
                .as("README.md's configuration reference is out of date; regenerate it with "
                        + "`bin/ballast config-reference --update README.md`")
                .isEqualTo(ConfigReference.spliceInto(readme));
    }

    @Test
    void everyDocumentedKeyHasItsDocumentedDefaultInTheModel() throws Exception {
        BallastConfig minimal = ConfigLoader.parse(MINIMAL_CONFIG, "minimal.yaml");
        List<DocumentedKey> keys = documentedKeys();
        assertThat(keys).hasSizeGreaterThan(100);
        for (DocumentedKey key : keys) {
            if (INPUT_ONLY_KEYS.contains(key.path())) {
                continue;
            }
            Object value = componentValue(minimal, key.path());
            assertDefault(key, value);
        }
    }

    @Test
    void everyModelComponentIsDocumented() throws IOException {
        Set<String> components = new TreeSet<>();
        collectComponents(BallastConfig.class, "", components);
        components.removeAll(DERIVED_COMPONENTS);
        Set<String> documented = new TreeSet<>();
        documentedKeys().forEach(key -> documented.add(key.path()));
        documented.removeAll(INPUT_ONLY_KEYS);

        assertThat(documented).as("documented keys vs record components").isEqualTo(components);
    }

    private static List<DocumentedKey> documentedKeys() throws IOException {
        String readme = Files.readString(README, StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf(ConfigReference.BEGIN_MARKER),
                readme.indexOf(ConfigReference.END_MARKER));
        List<DocumentedKey> keys = new ArrayList<>();
        String table = null;
        for (String line : section.split("\n")) {
            Matcher heading = HEADING.matcher(line);
            Matcher row = ROW.matcher(line);
            if (heading.matches()) {
                table = heading.group(1);
            } else if (row.matches() && table != null) {
                keys.add(new DocumentedKey(table + "." + row.group(1), row.group(2).trim(), row.group(3).trim()));
            }
        }
        return keys;
    }

    /** Follows a documented path such as {@code backends[].health-check.interval} through the records. */
    private static Object componentValue(Object root, String path) throws Exception {
        Object current = root;
        for (String segment : path.split("\\.")) {
            String component = camel(segment.replace("[]", ""));
            Optional<RecordComponent> found = current == null ? Optional.empty()
                    : Arrays.stream(current.getClass().getRecordComponents())
                    .filter(c -> c.getName().equals(component)).findFirst();
            if (found.isEmpty()) {
                fail("documented key " + path + " has no record component " + component + " in "
                        + (current == null ? "null" : current.getClass().getSimpleName()));
            }
            current = found.get().getAccessor().invoke(current);
            if (segment.endsWith("[]")) {
                current = ((List<?>) current).get(0);
            }
            if (!segment.equals(path.substring(path.lastIndexOf('.') + 1)) && current instanceof Optional<?> section) {
                current = section.orElseThrow();
            }
        }
        return current;
    }

    private static void assertDefault(DocumentedKey key, Object value) {
        String text = key.defaultText();
        if (text.equals("(required)")) {
            return;
        }
        if (text.equals("(none)")) {
            assertThat(value).as(key.path()).satisfiesAnyOf(
                    v -> assertThat(v).isEqualTo(Optional.empty()),
                    v -> assertThat(v).isEqualTo(List.of()));
            return;
        }
        String literal = text.substring(1, text.length() - 1);
        Object actual = value instanceof Optional<?> optional ? optional.orElse(null) : value;
        assertThat(normalized(actual)).as(key.path() + " (documented default " + text + ")")
                .isEqualTo(documentedValue(key.type(), literal));
    }

    private static Object documentedValue(String type, String literal) {
        if (type.startsWith("list of ")) {
            String inner = literal.substring(1, literal.length() - 1);
            return inner.isEmpty() ? List.of()
                    : Arrays.stream(inner.split(", ")).map(item -> documentedValue(type.substring(8), item)).toList();
        }
        return PARSERS.entrySet().stream().filter(e -> type.equals(e.getKey()) || type.startsWith(e.getKey() + " "))
                .map(e -> e.getValue().apply(literal)).findFirst()
                .orElse(literal); // strings, names, enums
    }

    /** Enums compare by their YAML spelling. */
    private static Object normalized(Object value) {
        if (value instanceof Enum<?> constant) {
            return ValueTypes.kebab(constant);
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ConfigReferenceTest::normalized).toList();
        }
        return value;
    }

    private static void collectComponents(Class<?> record, String prefix, Set<String> out) {
        for (RecordComponent component : record.getRecordComponents()) {
            String path = (prefix.isEmpty() ? "" : prefix + ".") + kebab(component.getName());
            Class<?> type = component.getType();
            Type generic = component.getGenericType();
            Class<?> element = generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c
                    ? c : null;
            if (isSection(type)) {
                collectComponents(type, path, out);
            } else if (type == List.class && isSection(element)) {
                collectComponents(element, path + "[]", out);
            } else if (type == Optional.class && isSection(element)) {
                collectComponents(element, path, out);
            } else {
                out.add(path);
            }
        }
    }

    private static boolean isSection(Class<?> type) {
        return type != null && type.isRecord() && !VALUE_RECORDS.contains(type);
    }

    /** healthCheck to health-check, on5xx to on-5xx. */
    static String kebab(String camel) {
        return camel.replaceAll("([a-z])([A-Z0-9])", "$1-$2").toLowerCase();
    }

    /** health-check to healthCheck, on-5xx to on5xx. */
    static String camel(String kebab) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
