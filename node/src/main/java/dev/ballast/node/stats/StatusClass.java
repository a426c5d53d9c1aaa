package dev.ballast.node.stats;

/** The class of an HTTP status code, as responses are counted: 1xx to 5xx, and anything else as other. */
public enum StatusClass {
    INFORMATIONAL("1xx"),
    SUCCESS("2xx"),
    REDIRECTION("3xx"),
    CLIENT_ERROR("4xx"),
    SERVER_ERROR("5xx"),
    OTHER("other");

    private static final StatusClass[] VALUES = values();

    private final String label;

    StatusClass(String label) {
        this.label = label;
    }

    /** "2xx", "5xx", ... or "other": the label value in metrics and the key in the admin API. */
    public String label() {
        return label;
    }

    public static StatusClass of(int status) {
        return status >= 100 && status <= 599 ? VALUES[status / 100 - 1] : OTHER;
    }
}
