package dev.ballast.node.balance;

/**
 * The one hash function of the balancers: XXH64 (xxHash, 64-bit, specification by Yann Collet) of the UTF-16LE
 * encoding of a string, with a seed. It is fixed and platform-independent, so every node puts the same key on the
 * same server and builds identical rings and Maglev tables; it never depends on {@link String#hashCode} or on a
 * random seed. Hashing reads the chars in place and allocates nothing.
 */
public final class Hash64 {

    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private Hash64() {
    }

    /** XXH64 of the UTF-16LE bytes of {@code text} with seed 0. */
    public static long hash(CharSequence text) {
        return hash(text, 0L);
    }

    /** XXH64 of the UTF-16LE bytes of {@code text} with the given seed. */
    public static long hash(CharSequence text, long seed) {
        int chars = text.length();
        int i = 0;
        long h;
        if (chars >= 16) { // 32-byte stripes
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int stripesEnd = chars - 15;
            while (i < stripesEnd) {
                v1 = round(v1, read64(text, i));
                v2 = round(v2, read64(text, i + 4));
                v3 = round(v3, read64(text, i + 8));
                v4 = round(v4, read64(text, i + 12));
                i += 16;
            }
            h = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12) + Long.rotateLeft(v4, 18);
            h = mergeRound(h, v1);
            h = mergeRound(h, v2);
            h = mergeRound(h, v3);
            h = mergeRound(h, v4);
        } else {
            h = seed + P5;
        }
        h += 2L * chars;
        while (i + 4 <= chars) {
            h ^= round(0, read64(text, i));
            h = Long.rotateLeft(h, 27) * P1 + P4;
            i += 4;
        }
        if (i + 2 <= chars) {
            long word = (text.charAt(i) | ((long) text.charAt(i + 1) << 16)) & 0xFFFFFFFFL;
            h ^= word * P1;
            h = Long.rotateLeft(h, 23) * P2 + P3;
            i += 2;
        }
        if (i < chars) { // one char left: its two bytes, low one first
            char c = text.charAt(i);
            h ^= (c & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
            h ^= ((c >>> 8) & 0xFFL) * P5;
            h = Long.rotateLeft(h, 11) * P1;
        }
        return avalanche(h);
    }

    /** A 64-bit finaliser (XXH64's avalanche) to spread an integer, e.g. a counter, over the whole hash space. */
    public static long mix(long value) {
        return avalanche(value * P1 + P5);
    }

    private static long read64(CharSequence text, int at) {
        return text.charAt(at)
                | (long) text.charAt(at + 1) << 16
                | (long) text.charAt(at + 2) << 32
                | (long) text.charAt(at + 3) << 48;
    }

    private static long round(long acc, long input) {
        return Long.rotateLeft(acc + input * P2, 31) * P1;
    }

    private static long mergeRound(long acc, long value) {
        return (acc ^ round(0, value)) * P1 + P4;
    }

    private static long avalanche(long h) {
        h ^= h >>> 33;
        h *= P2;
        h ^= h >>> 29;
        h *= P3;
        h ^= h >>> 32;
        return h;
    }
}
