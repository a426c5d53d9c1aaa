package dev.ballast.node.health;

/** Consecutive failures and whether they all failed the same way, so that a state change can say why in one line. */
final class FailureStreak {

    private int count;
    private String lastDetail = "";
    private boolean uniform = true;

    void add(String detail) {
        uniform = count == 0 || (uniform && lastDetail.equals(detail));
        lastDetail = detail;
        count++;
    }

    void reset() {
        count = 0;
        lastDetail = "";
        uniform = true;
    }

    int count() {
        return count;
    }

    String lastDetail() {
        return lastDetail;
    }

    /** All failures of the streak had the same detail. */
    boolean uniform() {
        return uniform;
    }
}
