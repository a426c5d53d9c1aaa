package dev.ballast.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuggestionTest {

    private static final List<String> KEYS = List.of("default-backend", "health-check", "maint", "ready", "drain",
            "frontends", "bind", "mode");

    @ParameterizedTest
    @CsvSource({"defualt-backend,default-backend", "default_backend,default-backend", "defaultBackend,default-backend",
            "helth-check,health-check", "maintenance,maint", "frontend,frontends", "bnid,bind", "Mode,mode"})
    void suggestsTheClosePlausibleKey(String typed, String expected) {
        assertThat(Suggestion.closest(typed, KEYS)).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"colour", "servers", "x"})
    void staysSilentWhenNothingIsClose(String typed) {
        assertThat(Suggestion.closest(typed, KEYS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"kitten,sitting,3", "abc,abc,0", "'',abc,3", "flaw,lawn,2"})
    void measuresEditDistance(String a, String b, int distance) {
        assertThat(Suggestion.editDistance(a, b)).isEqualTo(distance);
    }
}
