package io.github.samcoauth.bootstrap.cli;

import java.nio.file.Path;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.IGetter;
import picocli.CommandLine.Model.ISetter;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ScopeType;

/**
 * The {@code samco} command line, declared with picocli's programmatic API. Annotations would make
 * picocli reflect over every command and build annotation proxies at each start, which is most of
 * a short command's run time; here nothing is reflected.
 */
final class CliModel {

    static final String[] NAMES = {"otp", "login", "session", "token", "logout", "sandbox", "demo"};

    private CliModel() {}

    static CommandSpec root(SamcoCli cli) {
        var spec = CommandSpec.wrapWithoutInspection(cli).name("samco").versionProvider(new SamcoCli.Version());
        spec.usageMessage()
                .sortOptions(false)
                .description("Log in to the Samco Trade API and keep the session.")
                .footerHeading("%nEnvironment:%n")
                .footer(
                        "  SAMCO_BASE_URL   default for --base-url (https://tradeapi.samco.in)",
                        "  SAMCO_STATE_DIR  default for --state-dir (~/.samco)",
                        "",
                        "Exit codes:",
                        "  0 ok              3 rejected by Samco     6 unexpected response from Samco",
                        "  1 bug             4 no valid session      7 local storage failure",
                        "  2 invalid input   5 Samco unavailable");
        spec.addOption(inherited(option(
                "--base-url", "URL", String.class, "Samco's API (env SAMCO_BASE_URL)", v -> cli.baseUrl = (String) v)));
        spec.addOption(inherited(option(
                "--state-dir",
                "DIR",
                Path.class,
                "where sessions are kept (env SAMCO_STATE_DIR, default ~/.samco)",
                v -> cli.stateDir = (Path) v)));
        spec.addOption(inherited(option(
                "--timeout",
                "SECONDS",
                Integer.class,
                "how long to wait for Samco (default 30)",
                v -> cli.timeoutSeconds = (Integer) v)));
        spec.addOption(inherited(flag("--json", "print exactly one JSON object on stdout", v -> cli.json = v)));
        spec.addOption(inherited(flag(
                "--verbose", "log the HTTP exchange (secrets masked) and show stack traces", v -> cli.verbose = v)));
        standardHelp(spec);
        return spec;
    }

    /** The spec of one command, its user object bound to {@code cli}. */
    static CommandSpec command(String name, SamcoCli cli) {
        return switch (name) {
            case "otp" -> {
                var command = new OtpCommand(cli);
                var spec = spec(command, name, "Ask Samco to send an OTP to your phone and e-mail (generateOtp).");
                spec.addOption(OptionSpec.builder("--uid")
                        .paramLabel("UID")
                        .required(true)
                        .type(String.class)
                        .description("your Samco client code, e.g. DV99999")
                        .setter(setter(v -> command.uid = (String) v))
                        .getter(getter())
                        .build());
                yield spec;
            }
            case "login" -> {
                var command = new LoginCommand(cli);
                var spec = spec(
                        command,
                        name,
                        "Redeem a login code for a session and store it.",
                        "Without --otp: prompts without echo on a terminal, else reads one line from standard input.");
                spec.addOption(option(
                        "--otp",
                        "CODE",
                        String.class,
                        "the login code (visible in your shell history: prefer the prompt or stdin)",
                        v -> command.otp = (String) v));
                yield spec;
            }
            case "session" -> {
                var command = new SessionCommand(cli);
                var spec = spec(
                        command,
                        name,
                        "Show stored sessions: account, name, exchanges, products, expiry, valid or expired. Never the token.",
                        "Exits 4 when no valid session is stored.");
                spec.addOption(option(
                        "--account", "ID", String.class, "only this account", v -> command.account = (String) v));
                spec.addOption(flag(
                        "--prune-expired",
                        "first remove the expired sessions from the store",
                        v -> command.pruneExpired = v));
                yield spec;
            }
            case "token" -> {
                var command = new TokenCommand(cli);
                var spec = spec(
                        command,
                        name,
                        "Print only the raw session token of the valid session, for scripts:",
                        "  curl -H \"x-session-token: $(samco token)\" …");
                spec.addOption(accountOption(v -> command.account = v));
                yield spec;
            }
            case "logout" -> {
                var command = new LogoutCommand(cli);
                var spec = spec(
                        command,
                        name,
                        "Log out at Samco, then remove the local session.",
                        "The local session is removed even when Samco cannot be reached.");
                spec.addOption(accountOption(v -> command.account = v));
                yield spec;
            }
            case "sandbox" -> {
                var command = new SandboxCommand(cli);
                var spec = spec(
                        command,
                        name,
                        "Run the embedded Samco sandbox on loopback until stopped (Ctrl-C).",
                        "Prints its URL, then every OTP it \"sends\". With --json: one JSON object per line, per event.");
                spec.addOption(option(
                        "--port",
                        "N",
                        Integer.class,
                        "port to listen on (default: a free one)",
                        v -> command.port = (Integer) v));
                spec.addOption(option(
                        "--code-ttl",
                        "SECONDS",
                        Integer.class,
                        "how long a login code stays valid (default 120)",
                        v -> command.codeTtlSeconds = (Integer) v));
                yield spec;
            }
            case "demo" ->
                spec(
                        new DemoCommand(cli),
                        name,
                        "Run the whole flow against an embedded sandbox in a temporary state directory.");
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private static CommandSpec spec(Object command, String name, String... description) {
        var spec = CommandSpec.wrapWithoutInspection(command).name(name).versionProvider(new SamcoCli.Version());
        spec.usageMessage().description(description);
        standardHelp(spec);
        return spec;
    }

    private static void standardHelp(CommandSpec spec) {
        spec.addOption(OptionSpec.builder("-h", "--help")
                .usageHelp(true)
                .description("Show this help message and exit.")
                .build());
        spec.addOption(OptionSpec.builder("-V", "--version")
                .versionHelp(true)
                .description("Print version information and exit.")
                .build());
    }

    private static OptionSpec option(
            String name, String label, Class<?> type, String description, Consumer<Object> set) {
        return OptionSpec.builder(name)
                .paramLabel(label)
                .type(type)
                .description(description)
                .setter(setter(set))
                .getter(getter())
                .build();
    }

    private static OptionSpec accountOption(Consumer<String> set) {
        return option(
                "--account",
                "ID",
                String.class,
                "the account (required when several have a session)",
                v -> set.accept((String) v));
    }

    private static OptionSpec flag(String name, String description, Consumer<Boolean> set) {
        return OptionSpec.builder(name)
                .type(boolean.class)
                .arity("0")
                .description(description)
                .setter(setter(v -> set.accept((Boolean) v)))
                .getter(getter())
                .build();
    }

    private static OptionSpec inherited(OptionSpec option) {
        return option.toBuilder().scopeType(ScopeType.INHERIT).build();
    }

    private static ISetter setter(Consumer<Object> set) {
        return new ISetter() {
            @Override
            public <T> T set(T value) {
                if (value != null) { // picocli first resets to the initial value: the fields hold their own defaults
                    set.accept(value);
                }
                return null;
            }
        };
    }

    /** Options start unset; the commands know their own defaults. */
    private static IGetter getter() {
        return new IGetter() {
            @Override
            public <T> T get() {
                return null;
            }
        };
    }

    static CommandLine.HelpCommand helpCommand() {
        return new CommandLine.HelpCommand();
    }
}
