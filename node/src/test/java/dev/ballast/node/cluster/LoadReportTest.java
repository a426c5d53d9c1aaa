package dev.ballast.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class LoadReportTest {

    @Test
    void aReportSurvivesTheRoundTrip() {
        Map<String, Integer> report = new TreeMap<>(Map.of("web/s1", 3, "web/s2", 0, "api/é", 70_000));
        assertThat(LoadReport.decode(LoadReport.encode(report))).isEqualTo(report);
        assertThat(LoadReport.decode(LoadReport.encode(Map.of()))).isEmpty();
    }

    @Test
    void foreignOrTruncatedBytesAreRejectedWithTheReason() {
        byte[] good = LoadReport.encode(Map.of("web/s1", 3));
        byte[] otherFormat = good.clone();
        otherFormat[0] = 9;
        assertThatThrownBy(() -> LoadReport.decode(otherFormat)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 9");
        assertThatThrownBy(() -> LoadReport.decode(Arrays.copyOf(good, good.length - 2)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("truncated");
    }
}
