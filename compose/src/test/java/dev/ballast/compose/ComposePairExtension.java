package dev.ballast.compose;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@link ComposePair} for all the tests of a class, which follow one another on it: started before the first
 * (the tests are skipped where there is no Docker engine or docker-compose), closed after the last, and handed to
 * every test method that takes a {@code ComposePair} parameter. Register it in a static field:
 * {@code @RegisterExtension static final ComposePairExtension PAIR = new ComposePairExtension(Start.STAGGERED);}
 */
final class ComposePairExtension implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

    private final ComposePair.Start start;
    private ComposePair pair;

    ComposePairExtension(ComposePair.Start start) {
        this.start = start;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        pair = ComposePair.start(Path.of(System.getProperty("ballast.home", "..")), start);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pair != null) {
            pair.close();
            pair = null;
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == ComposePair.class;
    }

    @Override
    public ComposePair resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return pair;
    }
}
