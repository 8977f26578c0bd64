package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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

    /**
     * A global option, declared once with the field it sets: the parser, the help and {@link
     * #VALUE_OPTIONS} come from it. Each constant is a small class of its own rather than a lambda:
     * nothing to link at start-up.
     */
    enum Global {
        BASE_URL("--base-url", "URL", String.class, "Samco's API (env SAMCO_BASE_URL)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.baseUrl = (String) value;
            }
        },
        STATE_DIR("--state-dir", "DIR", Path.class, "where sessions are kept (env SAMCO_STATE_DIR, default ~/.samco)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.stateDir = (Path) value;
            }
        },
        STORE(
                "--store",
                "URL",
                String.class,
                "where sessions are kept: file:DIR (the default, like --state-dir) or redis://…,"
                        + " rediss://…, redis-sentinel://…#primary or redis-cluster://… shared by a fleet (env"
                        + " SAMCO_STORE; key in SAMCO_STORE_KEY). A password here shows in `ps`: give"
                        + " it in SAMCO_STORE_PASSWORD or"
                        + " --store-password-file instead") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.store = (String) value;
            }
        },
        STORE_PASSWORD_FILE(
                "--store-password-file",
                "FILE",
                Path.class,
                "the Redis password, from a file only you can read (for a URL without one)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.storePasswordFile = (Path) value;
            }
        },
        STORE_SENTINEL_PASSWORD_FILE(
                "--store-sentinel-password-file",
                "FILE",
                Path.class,
                "the sentinels' own password (redis-sentinel:// whose sentinels ask for one), from a"
                        + " file only you can read (env SAMCO_STORE_SENTINEL_PASSWORD; with"
                        + " SAMCO_STORE_SENTINEL_USER for an ACL user of theirs)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.storeSentinelPasswordFile = (Path) value;
            }
        },
        STORE_CA(
                "--store-ca",
                "FILE",
                Path.class,
                "CA certificates (PEM) a rediss:// store's certificate is checked against (env"
                        + " SAMCO_STORE_CA; default the JDK's)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.storeCa = (Path) value;
            }
        },
        STORE_CERT(
                "--store-cert",
                "FILE",
                Path.class,
                "a client certificate (PEM) for a rediss:// store that asks for one (env" + " SAMCO_STORE_CERT)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.storeCert = (Path) value;
            }
        },
        STORE_CERT_KEY(
                "--store-cert-key",
                "FILE",
                Path.class,
                "the client certificate's private key (PEM, unencrypted PKCS#8; env" + " SAMCO_STORE_CERT_KEY)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.storeCertKey = (Path) value;
            }
        },
        STORE_PLAIN_TEXT(
                "--store-plain-text",
                null,
                boolean.class,
                "keep tokens in Redis unencrypted (anyone who can read Redis can use them)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.storePlainText = (Boolean) value;
            }
        },
        TIMEOUT("--timeout", "SECONDS", Integer.class, "how long to wait for Samco (default 30)") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.timeoutSeconds = (Integer) value;
            }
        },
        JSON("--json", null, boolean.class, "print exactly one JSON object on stdout") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.json = (Boolean) value;
            }
        },
        VERBOSE("--verbose", null, boolean.class, "log the HTTP exchange (secrets masked) and show stack traces") {
            @Override
            void set(SamcoCli cli, Object value) {
                cli.verbose = (Boolean) value;
            }
        };

        private final String option;
        private final String label;
        private final Class<?> type;
        private final String description;

        Global(String option, String label, Class<?> type, String description) {
            this.option = option;
            this.label = label;
            this.type = type;
            this.description = description;
        }

        /** Sets this option's field of {@code cli}. */
        abstract void set(SamcoCli cli, Object value);

        String option() {
            return option;
        }

        String label() {
            return label;
        }

        Class<?> type() {
            return type;
        }

        String description() {
            return description;
        }

        boolean takesValue() {
            return type != boolean.class;
        }
    }

    static final List<Global> GLOBALS = List.of(Global.values());

    /** Global options that take a value, to find the command name among the arguments. */
    static final Set<String> VALUE_OPTIONS = valueOptions();

    private static Set<String> valueOptions() {
        var names = new HashSet<String>();
        for (var global : GLOBALS) {
            if (global.takesValue()) {
                names.add(global.option());
            }
        }
        return Set.copyOf(names);
    }

    /**
     * The commands, in the order help lists them; {@link #command} builds each one's spec, bound to
     * the root, only when it is run (a switch, not a map of lambdas: nothing to link at start-up).
     */
    static final List<String> NAMES = List.of(
            "otp", "login", "session", "token", "logout", "refresh", "code", "whoami", "keep", "keygen", "sandbox",
            "demo", "audit");

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
                        "  SAMCO_STORE      default for --store (file:~/.samco)",
                        "  SAMCO_STORE_KEY  the key tokens in Redis are encrypted with (samco keygen)",
                        "  SAMCO_STORE_CA   CA certificates (PEM) a rediss:// store is checked against",
                        "  SAMCO_STORE_CERT, SAMCO_STORE_CERT_KEY  a client certificate and its key (PEM)",
                        "  SAMCO_STORE_PASSWORD  the Redis password, for a --store URL without one",
                        "  SAMCO_STORE_SENTINEL_PASSWORD, SAMCO_STORE_SENTINEL_USER  the sentinels' own",
                        "  SAMCO_API_KEY    the dashboard's API key (login --api-key, refresh)",
                        "  SAMCO_API_SECRET the dashboard's API secret",
                        "",
                        "Exit codes:",
                        "  0 ok              3 rejected by Samco     6 unexpected response from Samco",
                        "  1 bug             4 no valid session      7 local storage failure",
                        "  2 invalid input   5 Samco unavailable     8 the browser never came back (OAuth)",
                        "                                          130 interrupted: a request may have",
                        "                                              reached Samco");
        for (var global : GLOBALS) {
            var builder =
                    OptionSpec.builder(global.option()).type(global.type()).description(global.description());
            if (global.takesValue()) {
                builder.paramLabel(global.label());
            } else {
                builder.arity("0");
            }
            spec.addOption(builder.setter(new ISetter() {
                        @Override
                        public <T> T set(T value) {
                            if (value != null) { // picocli first resets to the initial value
                                global.set(cli, value);
                            }
                            return null;
                        }
                    })
                    .getter(getter())
                    .scopeType(ScopeType.INHERIT)
                    .build());
        }
        standardHelp(spec);
        return spec;
    }

    /** The spec of one command, its user object bound to {@code cli}. */
    static CommandSpec command(String name, SamcoCli cli) {
        return make(name, cli);
    }

    /** The spec of the command {@code name}, its user object bound to {@code cli}. */
    private static CommandSpec make(String name, SamcoCli cli) {
        return switch (name) {
            case "otp" -> otpCommand(cli);
            case "login" -> loginCommand(cli);
            case "session" -> sessionCommand(cli);
            case "token" -> tokenCommand(cli);
            case "logout" -> logoutCommand(cli);
            case "refresh" -> refreshCommand(cli);
            case "code" -> codeCommand(cli);
            case "whoami" -> whoamiCommand(cli);
            case "keep" -> keepCommand(cli);
            case "keygen" -> keygenCommand(cli);
            case "sandbox" -> sandboxCommand(cli);
            case "demo" -> demoCommand(cli);
            case "audit" -> auditCommand(cli);
            default -> throw new IllegalArgumentException("no command " + name);
        };
    }

    private static CommandSpec otpCommand(SamcoCli cli) {
        var command = new OtpSubcommand(cli);
        var spec = spec(command, "otp", "Ask Samco to send an OTP to your phone and e-mail (generateOtp).");
        spec.addOption(OptionSpec.builder("--uid")
                .paramLabel("UID")
                .required(true)
                .type(String.class)
                .description("your Samco client code, e.g. DV99999")
                .setter(setter(v -> command.uid = (String) v))
                .getter(getter())
                .build());
        return spec;
    }

    private static CommandSpec loginCommand(SamcoCli cli) {
        var command = new LoginSubcommand(cli);
        var spec = spec(
                command,
                "login",
                "Redeem a login code for a session and store it.",
                "Without --otp: prompts without echo on a terminal, else reads one line from standard input.");
        spec.addOption(option(
                "--otp",
                "CODE",
                String.class,
                "the login code (visible to other users in `ps` and kept in your shell history: prefer the"
                        + " prompt or stdin)",
                v -> command.otp = (String) v));
        spec.addOption(flag(
                "--api-key",
                "log in headless with the dashboard's API key and secret (POST /session/token), from "
                        + Credentials.KEY_VARIABLE + " and " + Credentials.SECRET_VARIABLE + " or --credentials",
                v -> command.apiKey = v));
        spec.addOption(credentialsOption(v -> command.credentials = v));
        spec.addOption(flag(
                "--oauth",
                "log in through Samco's consent page in a browser (OAuth 2.1), with the app's API key from "
                        + Credentials.KEY_VARIABLE + " or --credentials",
                v -> command.oauth = v));
        spec.addOption(option(
                "--redirect-url",
                "URL",
                String.class,
                "with --oauth: the app's registered redirect URL, http://127.0.0.1:PORT/PATH, where samco listens",
                v -> command.redirectUrl = (String) v));
        spec.addOption(flag(
                "--no-browser",
                "with --oauth: only print the page's address, open no browser",
                v -> command.noBrowser = v));
        return spec;
    }

    private static CommandSpec sessionCommand(SamcoCli cli) {
        var command = new SessionSubcommand(cli);
        var spec = spec(
                command,
                "session",
                "Show stored sessions: account, name, exchanges, products, expiry, valid or expired. Never the token.",
                "Exits 4 when no valid session is stored.");
        spec.addOption(option("--account", "ID", String.class, "only this account", v -> command.account = (String) v));
        spec.addOption(flag(
                "--prune-expired", "first remove the expired sessions from the store", v -> command.pruneExpired = v));
        return spec;
    }

    private static CommandSpec auditCommand(SamcoCli cli) {
        var command = new AuditSubcommand(cli);
        var spec = spec(
                command,
                "audit",
                "Show the last events of the audit journal, oldest first: logins, OTPs, codes, logouts, with"
                        + " Samco's msgId and server time. Never a secret.",
                "With a Redis store the journal is the fleet's (a capped stream per account); else the state"
                        + " directory's audit.jsonl.");
        spec.addOption(option(
                "--account", "ID", String.class, "only this account's events", v -> command.account = (String) v));
        spec.addOption(option(
                "--last",
                "N",
                Integer.class,
                "how many events, 1 to 10000 (default 20)",
                v -> command.last = (Integer) v));
        return spec;
    }

    private static CommandSpec tokenCommand(SamcoCli cli) {
        var command = new TokenSubcommand(cli);
        var spec = spec(
                command,
                "token",
                "Print only the raw session token of the valid session, for scripts.",
                "Pipe it, so that no other user sees it in `ps`:",
                "  samco token --header | curl -H @- https://tradeapi.samco.in/…");
        spec.addOption(accountOption(v -> command.account = v));
        spec.addOption(flag(
                "--header",
                "print it as the header line `x-session-token: TOKEN` (for curl -H @-)",
                v -> command.header = v));
        return spec;
    }

    private static CommandSpec logoutCommand(SamcoCli cli) {
        var command = new LogoutSubcommand(cli);
        var spec = spec(
                command,
                "logout",
                "Log out at Samco, then remove the local session.",
                "The local session is removed even when Samco cannot be reached.");
        spec.addOption(accountOption(v -> command.account = v));
        return spec;
    }

    private static CommandSpec refreshCommand(SamcoCli cli) {
        var command = new RefreshSubcommand(cli);
        var spec = spec(
                command,
                "refresh",
                "Get a new session the way the stored one was made (valid or expired).",
                "An API-key session logs in again with the key and secret; a login-code session cannot be"
                        + " renewed without a person (exit 4).");
        spec.addOption(accountOption(v -> command.account = v));
        spec.addOption(credentialsOption(v -> command.credentials = v));
        return spec;
    }

    private static CommandSpec codeCommand(SamcoCli cli) {
        var command = new CodeSubcommand(cli);
        var spec = spec(
                command,
                "code",
                "Mint a login code with the valid session, for another device; prints only the code.",
                "The other device redeems it with `samco login` within its lifetime (--json tells it).");
        spec.addOption(accountOption(v -> command.account = v));
        return spec;
    }

    private static CommandSpec whoamiCommand(SamcoCli cli) {
        var command = new WhoAmISubcommand(cli);
        var spec = spec(
                command,
                "whoami",
                "Show the IP Samco sees for the valid session, and whether it is a registered static IP.");
        spec.addOption(accountOption(v -> command.account = v));
        return spec;
    }

    private static CommandSpec keepCommand(SamcoCli cli) {
        var command = new KeepSubcommand(cli);
        var spec = spec(
                command,
                "keep",
                "Keep one account's session valid until stopped: renew it ahead of expiry, check it with"
                        + " Samco, renew it once when Samco refuses it; one line per event.",
                "Any number of `samco keep` sharing one Redis store make one login per renewal.",
                "Stops on SIGTERM or Ctrl-C (exit 0), releasing any lock it holds.");
        spec.addOption(accountOption(v -> command.account = v));
        spec.addOption(flag(
                "--api-key",
                "renew an API-key session with the key and secret from " + Credentials.KEY_VARIABLE + " and "
                        + Credentials.SECRET_VARIABLE + " or --credentials",
                v -> command.apiKey = v));
        spec.addOption(credentialsOption(v -> command.credentials = v));
        spec.addOption(option(
                "--refresh-before",
                "SECONDS",
                Integer.class,
                "renew this long before the session expires (default 600)",
                v -> command.refreshBefore = (Integer) v));
        spec.addOption(option(
                "--check-every",
                "SECONDS",
                Integer.class,
                "check the session with Samco (GET /ip/whoami) this often (default 60)",
                v -> command.checkEvery = (Integer) v));
        spec.addOption(option(
                "--sink",
                "FILE",
                Path.class,
                "write the token in use to FILE (0600, replaced atomically on every change, removed when"
                        + " no valid session is held and when keep stops), for processes that read a file",
                v -> command.sink = (Path) v));
        spec.addOption(option(
                "--listen",
                "HOST:PORT",
                String.class,
                "answer GET /healthz (200 while a valid session is held, else 503), /readyz and /metrics"
                        + " (Prometheus) over HTTP; loopback only unless --listen-anywhere",
                v -> command.listen = (String) v));
        spec.addOption(flag(
                "--listen-anywhere",
                "allow --listen on an address other than loopback (the answers hold no secret, but anyone"
                        + " who can reach it sees the account and its expiry)",
                v -> command.listenAnywhere = v));
        return spec;
    }

    private static CommandSpec keygenCommand(SamcoCli cli) {
        var command = new KeygenSubcommand(cli);
        return spec(
                command,
                "keygen",
                "Print a fresh key for SAMCO_STORE_KEY (base64 of 32 random bytes).",
                "Rotate: put the new key first, the old after a comma, until every session was saved again.");
    }

    private static CommandSpec sandboxCommand(SamcoCli cli) {
        var command = new SandboxSubcommand(cli);
        var spec = spec(
                command,
                "sandbox",
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
                "how long a login code stays valid (default " + SandboxServer.DEFAULT_CODE_TTL.toSeconds() + ")",
                v -> command.codeTtlSeconds = (Integer) v));
        spec.addOption(option(
                "--registered-ip",
                "ADDRESS",
                String.class,
                "play Samco's static-IP rule: API calls from any other address get 403 EOAUTH009"
                        + " (a loopback client comes from 127.0.0.1)",
                v -> command.registeredIp = (String) v));
        return spec;
    }

    private static CommandSpec demoCommand(SamcoCli cli) {
        return spec(
                new DemoSubcommand(cli),
                "demo",
                "Run the whole flow against an embedded sandbox in a temporary state directory.");
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

    private static OptionSpec credentialsOption(Consumer<Path> set) {
        return option(
                "--credentials",
                "FILE",
                Path.class,
                "JSON {\"apiKey\",\"apiSecret\"}, readable by you only (else from " + Credentials.KEY_VARIABLE + " and "
                        + Credentials.SECRET_VARIABLE + ")",
                v -> set.accept((Path) v));
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
