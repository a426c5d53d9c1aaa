package dev.ballast.node.health;

import dev.ballast.node.health.BodyMatcher.Verdict;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BodyMatcherTest {

    @Test
    void findsTheNeedleInOneChunk() {
        assertThat(new BodyMatcher("ok", 1024).feed(bytes("status: ok"))).isEqualTo(Verdict.FOUND);
    }

    @Test
    void findsTheNeedleAcrossChunkBoundaries() {
        BodyMatcher matcher = new BodyMatcher("healthy", 1024);
        assertThat(matcher.feed(bytes("I am hea"))).isEqualTo(Verdict.NEED_MORE);
        assertThat(matcher.feed(bytes("l"))).isEqualTo(Verdict.NEED_MORE);
        assertThat(matcher.feed(bytes("thy!"))).isEqualTo(Verdict.FOUND);
    }

    @Test
    void findsTheNeedleFedOneByteAtATime() {
        BodyMatcher matcher = new BodyMatcher("xyz", 1024);
        for (char c : "aaxyxy".toCharArray()) {
            assertThat(matcher.feed(bytes(String.valueOf(c)))).isEqualTo(Verdict.NEED_MORE);
        }
        assertThat(matcher.feed(bytes("z"))).isEqualTo(Verdict.FOUND);
    }

    @Test
    void givesUpAfterTheLimitEvenIfTheNeedleFollows() {
        BodyMatcher matcher = new BodyMatcher("ok", 8);
        assertThat(matcher.feed(bytes("12345"))).isEqualTo(Verdict.NEED_MORE);
        assertThat(matcher.feed(bytes("678ok"))).isEqualTo(Verdict.LIMIT_REACHED);
    }

    @Test
    void aNeedleEndingExactlyAtTheLimitIsFound() {
        assertThat(new BodyMatcher("ok", 8).feed(bytes("123456ok--"))).isEqualTo(Verdict.FOUND);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
