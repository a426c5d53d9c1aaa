package dev.ballast.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.cli.command.BackendsCommand;
import dev.ballast.cli.command.CompletionCommand;
import dev.ballast.cli.command.ConfigCommand;
import dev.ballast.cli.command.HealthCommand;
import dev.ballast.cli.command.MembersCommand;
import dev.ballast.cli.command.PromoteCommand;
import dev.ballast.cli.command.ReloadCommand;
import dev.ballast.cli.command.ServerStateCommand;
import dev.ballast.cli.command.ServersCommand;
import dev.ballast.cli.command.SessionsCommand;
import dev.ballast.cli.command.StatusCommand;
import dev.ballast.cli.command.WeightCommand;
import dev.ballast.cli.http.AdminClient;
import dev.ballast.cli.settings.SettingsResolver;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/** {@code ballastctl}: operates a Ballast cluster through any node's admin API. */
@Command(name = "ballastctl", mixinStandardHelpOptions = true, version = "ballastctl 0.1.0",
        description = "Operate a Ballast cluster through a node's admin API. Every node accepts every action, so "
                + "any node will do (see README: Operating with ballastctl).",
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:ok", "1:the action failed (the node refused it, or the configuration is invalid)",
                "2:usage: bad arguments or settings", "3:cannot reach the node", "4:auth refused (401/403)"},
        footerHeading = "%nSettings:%n",
        footer = {"--url > BALLAST_URL > the settings file's url > http://127.0.0.1:9900.",
                "--token-file > BALLAST_TOKEN or BALLAST_TOKEN_FILE > the settings file's token or token-file.",
                "Settings file: $BALLASTCTL_CONFIG, else ~/.config/ballast/ballastctl.properties "
                        + "($XDG_CONFIG_HOME/ballast/ when set).%n"})
public final class BallastCtl implements Runnable, CtlContext {

    @Option(names = "--url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "The node's admin API, e.g. http://127.0.0.1:9900.")
    String url;

    @Option(names = "--token-file", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "File holding the admin bearer token.")
    Path tokenFile;

    @Option(names = "--json", scope = ScopeType.INHERIT,
            description = "Print the admin API's JSON instead of tables, for scripts.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final Environment environment;
    private final ObjectMapper mapper = new ObjectMapper();

    private BallastCtl(Environment environment) {
        this.environment = environment;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Environment.system()).execute(args));
    }

    /** The whole command tree, its converters and the mapping of failures to exit statuses. */
    public static CommandLine commandLine(Environment environment) {
        BallastCtl root = new BallastCtl(environment);
        CommandLine cli = new CommandLine(root);
        cli.addSubcommand(new StatusCommand(root));
        cli.addSubcommand(new MembersCommand(root));
        cli.addSubcommand(new BackendsCommand(root));
        cli.addSubcommand(new ServersCommand(root));
        for (ServerStateCommand.State state : ServerStateCommand.State.values()) {
            cli.addSubcommand(state.name(), ServerStateCommand.commandLine(root, state));
        }
        cli.addSubcommand(new WeightCommand(root));
        cli.addSubcommand(new HealthCommand(root));
        cli.addSubcommand(new PromoteCommand(root));
        cli.addSubcommand(new ReloadCommand(root));
        cli.addSubcommand(new SessionsCommand(root));
        cli.addSubcommand(ConfigCommand.commandLine(root));
        cli.addSubcommand(new CompletionCommand());
        // These apply to the subcommands that exist when they are called, so they come last.
        cli.registerConverter(ServerRef.class, ServerRef::parse);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
            if (failure instanceof CtlFailure ctlFailure) {
                commandLine.getErr().println(ctlFailure.getMessage());
                commandLine.getErr().flush();
                return ctlFailure.exitCode();
            }
            throw failure;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required");
    }

    @Override
    public AdminClient client() {
        return new AdminClient(SettingsResolver.resolve(Optional.ofNullable(url), Optional.ofNullable(tokenFile),
                environment));
    }

    @Override
    public Environment environment() {
        return environment;
    }

    @Override
    public void print(PrintWriter out, JsonNode reply, Supplier<String> human) {
        if (json) {
            try {
                out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(reply));
            } catch (JsonProcessingException e) {
                throw new UncheckedIOException(e); // a tree read from JSON always writes back
            }
        } else {
            out.print(human.get());
        }
        out.flush();
    }
}
