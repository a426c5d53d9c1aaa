package dev.ballast.node.stats;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatusClassTest {

    @Test
    void classifiesByHundreds() {
        assertThat(StatusClass.of(101)).isEqualTo(StatusClass.INFORMATIONAL);
        assertThat(StatusClass.of(200)).isEqualTo(StatusClass.SUCCESS);
        assertThat(StatusClass.of(304)).isEqualTo(StatusClass.REDIRECTION);
        assertThat(StatusClass.of(404)).isEqualTo(StatusClass.CLIENT_ERROR);
        assertThat(StatusClass.of(599)).isEqualTo(StatusClass.SERVER_ERROR);
        assertThat(StatusClass.of(99)).isEqualTo(StatusClass.OTHER);
        assertThat(StatusClass.of(600)).isEqualTo(StatusClass.OTHER);
        assertThat(StatusClass.of(-1)).isEqualTo(StatusClass.OTHER);
        assertThat(StatusClass.SERVER_ERROR.label()).isEqualTo("5xx");
    }
}
