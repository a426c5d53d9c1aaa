package dev.ballast.node.config;

/** One key of a YAML map in the schema: a value ({@link Setting}), a nested map ({@link Section}) or a list of maps. */
sealed interface Field permits Setting, Section, ItemList {

    /** The YAML key, in kebab case. */
    String key();

    /** One line for the reference. */
    String description();
}
