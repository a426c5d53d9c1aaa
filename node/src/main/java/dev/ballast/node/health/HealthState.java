package dev.ballast.node.health;

/**
 * A server's effective health as the data plane should see it: the outcome of active checks, passive ejection and
 * the operator's override combined.
 */
public enum HealthState {
    /** No verdict yet: active checks are on and none has completed (and no initial state was assumed). */
    UNKNOWN,
    UP,
    DOWN,
    /** Put in maintenance by an operator: takes no traffic whatever the checks say. */
    MAINT;

    /** Only a server that is up should get new requests; unknown means not yet proved. */
    public boolean usable() {
        return this == UP;
    }
}
