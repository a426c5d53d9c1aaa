package dev.ballast.node.health;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Looks for a substring in a response body fed chunk by chunk, without keeping the body: only the tail that could
 * start a match across the next chunk boundary is carried over. Gives up after {@code maxBytes}.
 */
final class BodyMatcher {

    enum Verdict { FOUND, NEED_MORE, LIMIT_REACHED }

    private final byte[] needle;
    private final int maxBytes;
    private byte[] carry = new byte[0];
    private int seen;

    BodyMatcher(String needle, int maxBytes) {
        if (needle.isEmpty()) {
            throw new IllegalArgumentException("the expected body substring must not be empty");
        }
        this.needle = needle.getBytes(StandardCharsets.UTF_8);
        this.maxBytes = maxBytes;
    }

    Verdict feed(byte[] chunk) {
        int usable = Math.min(chunk.length, maxBytes - seen);
        seen += usable;
        byte[] window = new byte[carry.length + usable];
        System.arraycopy(carry, 0, window, 0, carry.length);
        System.arraycopy(chunk, 0, window, carry.length, usable);
        if (contains(window)) {
            return Verdict.FOUND;
        }
        int keep = Math.min(window.length, needle.length - 1);
        carry = Arrays.copyOfRange(window, window.length - keep, window.length);
        return seen >= maxBytes ? Verdict.LIMIT_REACHED : Verdict.NEED_MORE;
    }

    int maxBytes() {
        return maxBytes;
    }

    private boolean contains(byte[] haystack) {
        outer:
        for (int start = 0; start <= haystack.length - needle.length; start++) {
            for (int i = 0; i < needle.length; i++) {
                if (haystack[start + i] != needle[i]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
