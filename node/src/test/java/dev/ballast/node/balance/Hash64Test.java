package dev.ballast.node.balance;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reference values from the C library (libxxhash 0.8.1, XXH64 over the UTF-16LE bytes of each string). */
class Hash64Test {

    @Test
    void matchesTheReferenceImplementation() {
        assertThat(Hash64.hash("")).isEqualTo(0xef46db3751d8e999L);
        assertThat(Hash64.hash("a")).isEqualTo(0xe513e02c99167f96L);
        assertThat(Hash64.hash("10.0.0.1")).isEqualTo(0xe453ad4b154fe397L);
        assertThat(Hash64.hash("web-01", 7)).isEqualTo(0xfdc79bfa7d515e79L);
        assertThat(Hash64.hash("/images/logo.png?size=large&v=2")).isEqualTo(0x753007b5d1517b9fL);
        assertThat(Hash64.hash("The quick brown fox jumps over the lazy dog", 12345)).isEqualTo(0x244dedd1a9c58c02L);
    }

    @Test
    void readsAnyCharSequenceAlike() {
        assertThat(Hash64.hash(new StringBuilder("10.0.0.1"))).isEqualTo(Hash64.hash("10.0.0.1"));
    }

    @Test
    void mixSpreadsConsecutiveIntegers() {
        assertThat(Hash64.mix(1) ^ Hash64.mix(2)).isNotZero();
        assertThat(Long.bitCount(Hash64.mix(1) ^ Hash64.mix(2))).isBetween(16, 48);
    }
}
