package dev.ballast.node.health;

/** An operator's decision that wins over every check until it is cleared. */
public enum AdminOverride {
    FORCE_UP(HealthState.UP, "forced up by operator"),
    FORCE_DOWN(HealthState.DOWN, "forced down by operator"),
    MAINT(HealthState.MAINT, "put in maintenance by operator");

    private final HealthState state;
    private final String reason;

    AdminOverride(HealthState state, String reason) {
        this.state = state;
        this.reason = reason;
    }

    /** The effective state while this override is set. */
    public HealthState state() {
        return state;
    }

    public String reason() {
        return reason;
    }
}
