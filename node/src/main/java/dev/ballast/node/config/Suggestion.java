package dev.ballast.node.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean": the known word closest to a misspelt one, if it is close enough to be a plausible typo. */
final class Suggestion {

    private Suggestion() {
    }

    static Optional<String> closest(String typed, Collection<String> known) {
        String bestWord = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : known) {
            int distance = normalized(typed).equals(normalized(candidate)) ? 0
                    : isAbbreviation(typed, candidate) ? 1 : editDistance(typed, candidate);
            if (distance < bestDistance) {
                bestDistance = distance;
                bestWord = candidate;
            }
        }
        int tolerance = Math.max(2, typed.length() / 3);
        return bestDistance <= tolerance ? Optional.ofNullable(bestWord) : Optional.empty();
    }

    /** " (did you mean `x`?)" or "". */
    static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(word -> " (did you mean `" + word + "`?)").orElse("");
    }

    /** "maint" for "maintenance", or the other way round. */
    private static boolean isAbbreviation(String typed, String candidate) {
        return Math.min(typed.length(), candidate.length()) >= 3
                && (typed.startsWith(candidate) || candidate.startsWith(typed));
    }

    /** defaultBackend, default_backend and Default-Backend all mean default-backend. */
    private static String normalized(String word) {
        return word.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
    }

    /** Levenshtein distance: insertions, deletions and substitutions. */
    static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
