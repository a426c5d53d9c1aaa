package dev.ballast.node.config;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.commons.configuration2.interpol.ConfigurationInterpolator;
import org.apache.commons.configuration2.interpol.DefaultLookups;
import org.apache.commons.configuration2.interpol.Lookup;

/**
 * Resolves {@code ${env:NAME}} and {@code ${file:CHARSET:PATH}} in configuration values with Commons Configuration's
 * interpolator, so secrets need never be written in the YAML. Only these two prefixes are enabled: a configuration
 * cannot read system properties, run scripts or reach URLs. A variable that cannot be resolved is an error, never
 * left in the value.
 */
final class Interpolation {

    private final LoadContext context;

    Interpolation(LoadContext context) {
        this.context = context;
    }

    /**
     * @return the value with every variable replaced (non-strings and strings without {@code ${} unchanged)
     * @throws InvalidValueException naming each variable that could not be resolved
     */
    Object resolve(Object raw) {
        if (!(raw instanceof String text) || !text.contains("${")) {
            return raw;
        }
        // A set: the interpolator may ask a lookup twice for the same variable.
        Set<String> failures = new LinkedHashSet<>();
        ConfigurationInterpolator interpolator = new ConfigurationInterpolator();
        interpolator.registerLookup("env", variable -> environment(variable, failures));
        interpolator.registerLookup("file", variable -> file(variable, failures));
        interpolator.addDefaultLookup(unknownVariable(failures));
        Object resolved = interpolator.interpolate(text);
        if (!failures.isEmpty()) {
            throw new InvalidValueException(String.join("; ", failures));
        }
        return resolved;
    }

    private String environment(String name, Set<String> failures) {
        String value = context.environment().apply(name);
        if (value == null) {
            failures.add("cannot resolve ${env:" + name + "}: environment variable " + name + " is not set");
        }
        return value;
    }

    /** {@code CHARSET:PATH}; a relative path starts at the configuration's folder. */
    private Object file(String variable, Set<String> failures) {
        int colon = variable.indexOf(':');
        String usage = "cannot resolve ${file:" + variable + "}: ";
        if (colon <= 0 || !isCharset(variable.substring(0, colon))) {
            failures.add(usage + "expected ${file:CHARSET:PATH}, e.g. ${file:UTF-8:/run/secrets/admin-token}");
            return null;
        }
        Path path;
        try {
            path = context.resolve(Path.of(variable.substring(colon + 1)));
        } catch (InvalidPathException e) {
            failures.add(usage + "invalid path: " + e.getReason());
            return null;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            failures.add(usage + "file " + path + " does not exist or is not readable");
            return null;
        }
        try {
            return DefaultLookups.FILE.getLookup().lookup(variable.substring(0, colon) + ":" + path);
        } catch (IllegalArgumentException e) {
            failures.add(usage + "cannot read " + path + ": " + e.getCause());
            return null;
        }
    }

    /** Consulted for variables no prefix resolved; env and file report their own failures. */
    private static Lookup unknownVariable(Set<String> failures) {
        return variable -> {
            if (!variable.startsWith("env:") && !variable.startsWith("file:")) {
                failures.add("cannot resolve ${" + variable + "}: only ${env:NAME} and ${file:CHARSET:PATH} are supported");
            }
            return null;
        };
    }

    private static boolean isCharset(String name) {
        try {
            return Charset.isSupported(name);
        } catch (IllegalCharsetNameException e) {
            return false;
        }
    }
}
