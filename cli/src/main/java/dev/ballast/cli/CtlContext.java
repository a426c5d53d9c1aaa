package dev.ballast.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ballast.cli.http.AdminClient;

import java.io.PrintWriter;
import java.util.function.Supplier;

/** What every subcommand gets from the root command: the connection, the output mode and the environment. */
public interface CtlContext {

    /** A client for the node the settings name (flags > environment > settings file > default). */
    AdminClient client();

    Environment environment();

    /** Prints the reply as indented JSON under {@code --json}, else the human text. */
    void print(PrintWriter out, JsonNode reply, Supplier<String> human);
}
