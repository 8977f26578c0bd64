package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.vavr.control.Either;
import io.vavr.control.Option;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine;

/**
 * {@code samco}: log in to the Samco Trade API from a terminal or a script. The command line is
 * declared in {@link CliModel}.
 */
public final class SamcoCli implements Callable<Integer> {

    String baseUrl;

    Path stateDir;

    Integer timeoutSeconds;

    String store;

    boolean storePlainText;

    Path storePasswordFile;
    Path storeSentinelPasswordFile;
    Path storeCa;
    Path storeCert;
    Path storeCertKey;

    /** What this run opened that holds a connection (a Redis store): closed when the command ends. */
    private final java.util.List<AutoCloseable> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

    boolean json;

    boolean verbose;

    private final Map<String, String> env;
    private final InputStream in;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean interactive;
    private final Interruption interruption;

    SamcoCli(
            Map<String, String> env,
            InputStream in,
            PrintWriter out,
            PrintWriter err,
            boolean interactive,
            Interruption interruption) {
        this.env = env;
        this.in = in;
        this.out = out;
        this.err = err;
        this.interactive = interactive;
        this.interruption = interruption;
    }

    /**
     * Runs the {@code samco} command and exits with its code ({@link ExitCodes}).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            System.out.print(usage());
            System.out.flush();
            return;
        }
        configureLogging(Arrays.asList(args).contains("--verbose"));
        // picocli need not look for Groovy closures, which only annotations could name
        System.setProperty("picocli.disable.closures", "true");
        // The JDK's HTTP server (the sandbox) writes headers and body apart; without TCP_NODELAY each
        // answer waits ~40 ms for the client's delayed ACK. Read once, when the first server is made.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        // The JDK's own console, not the line editor JDK 22 and later load for System.console():
        // samco reads a code without echo and asks whether it is on a terminal, nothing more.
        System.setProperty("jdk.console", "java.base");
        var out = new PrintWriter(
                new OutputStreamWriter(new PrintStream(System.out, true), StandardCharsets.UTF_8), true);
        var err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        var interruption = new Interruption();
        Runtime.getRuntime().addShutdownHook(new Thread("samco-interrupted") {
            @Override
            public void run() {
                interruption.onShutdown();
            }
        });
        int code = run(args, System.getenv(), System.in, out, err, Terminal.interactive(), interruption);
        interruption.finished();
        out.flush();
        err.flush();
        exit(code);
    }

    /**
     * Ends the process with {@code code}. Once the command has finished, its output is flushed and
     * the shutdown hooks have nothing left to do, so the JVM halts: {@code System.exit} on JDK 21
     * and later would first start the JDK's logging to record the exit, about 9 ms of a short run.
     * When the JVM is already shutting down (a signal), {@code System.exit} waits for the hooks.
     */
    private static void exit(int code) {
        System.out.flush();
        System.err.flush();
        var probe = new Thread("samco-exit-probe");
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
        } catch (IllegalStateException shuttingDown) {
            System.exit(code);
        }
        Runtime.getRuntime().halt(code);
    }

    /** The command line with the subcommand {@code args} name, or with all of them when it names none. */
    static CommandLine commandLine(SamcoCli root, String[] args) {
        var spec = CliModel.root(root);
        var named = commandName(args);
        if (named.isPresent() && !named.get().equals("help")) {
            spec.addSubcommand(named.get(), CliModel.command(named.get(), root));
        } else {
            for (var name : CliModel.NAMES) {
                spec.addSubcommand(name, CliModel.command(name, root));
            }
            spec.addSubcommand("help", new CommandLine(CliModel.helpCommand()));
        }
        return new CommandLine(spec);
    }

    static Optional<String> commandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            var arg = args[i];
            if (CliModel.VALUE_OPTIONS.contains(arg)) {
                i++;
            } else if (!arg.startsWith("-")) {
                return arg.equals("help") || CliModel.NAMES.contains(arg) ? Optional.of(arg) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The root usage, pre-rendered: {@code samco --help} need not build every command to print it. */
    static String usage() {
        return UsageText.TEXT;
    }

    /** Runs one command line; never throws, returns the exit code. */
    static int run(
            String[] args,
            Map<String, String> env,
            InputStream in,
            PrintWriter out,
            PrintWriter err,
            boolean interactive) {
        return run(args, env, in, out, err, interactive, new Interruption());
    }

    static int run(
            String[] args,
            Map<String, String> env,
            InputStream in,
            PrintWriter out,
            PrintWriter err,
            boolean interactive,
            Interruption interruption) {
        var root = new SamcoCli(env, in, out, err, interactive, interruption);
        var line = commandLine(root, args);
        boolean jsonRequested = Arrays.asList(args).contains("--json");
        boolean verboseRequested = Arrays.asList(args).contains("--verbose");
        line.setOut(out);
        line.setErr(err);
        var output = new Output(out, err, jsonRequested, verboseRequested, interactive);
        line.setParameterExceptionHandler(new Mistakes(output, err, jsonRequested));
        line.setExecutionExceptionHandler(new CommandLine.IExecutionExceptionHandler() {
            @Override
            public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
                return bug(output, ex);
            }
        });
        try {
            return line.execute(args);
        } catch (RuntimeException | Error unexpected) {
            // picocli hands exceptions to the handler above; this catches what escapes it (errors)
            return bug(output, unexpected);
        } finally {
            root.closeOpened();
        }
    }

    /**
     * A mistake in the command line: one line and a hint (or one JSON object), exit 2. A class, not
     * a lambda, like the other handlers on the way to a command: on JDK 17 each lambda costs a
     * cold start about half a millisecond to link.
     */
    private record Mistakes(Output output, PrintWriter err, boolean json)
            implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException ex, String[] args) {
            var mistake = UsageMistake.describe(ex);
            if (json) {
                output.object(errorObject("usage", mistake.message()));
            } else {
                err.println(mistake.message());
                err.println("hint: " + mistake.hint());
                err.flush();
            }
            return ExitCodes.USAGE;
        }
    }

    /** A failure of samco itself: one line (or one JSON object), the stack trace only with --verbose. */
    private static int bug(Output output, Throwable failure) {
        var message = "internal error (" + failure.getClass().getName() + ")";
        if (output.json()) {
            output.object(errorObject("bug", message));
        } else {
            output.err().println("samco: " + message + "; run with --verbose for details");
        }
        if (output.verbose()) {
            failure.printStackTrace(output.err());
        }
        output.err().flush();
        return ExitCodes.BUG;
    }

    private static Map<String, Object> errorObject(String code, String message) {
        var error = new LinkedHashMap<String, Object>();
        error.put("code", code);
        error.put("message", message == null ? "" : message);
        return Map.of("error", error);
    }

    /** slf4j-simple reads these once, at its first use: quiet by default, DEBUG with --verbose. */
    static void configureLogging(boolean verbose) {
        // the binding this jar ships, named: SLF4J need not scan the class path for one
        System.setProperty("slf4j.provider", "org.slf4j.simple.SimpleServiceProvider");
        System.setProperty("slf4j.internal.verbosity", "WARN");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        System.setProperty("org.slf4j.simpleLogger.showThreadName", "false");
        System.setProperty("org.slf4j.simpleLogger.showShortLogName", "true");
    }

    @Override
    public Integer call() {
        err.println("samco: a command is required");
        err.print(usage());
        err.flush();
        return ExitCodes.USAGE;
    }

    // --- for the subcommands -----------------------------------------------------------------

    Output output() {
        return new Output(out, err, json, verbose, interactive);
    }

    InputStream in() {
        return in;
    }

    Interruption interruption() {
        return interruption;
    }

    Map<String, String> env() {
        return env;
    }

    /** The effective state directory: option, else SAMCO_STATE_DIR, else ~/.samco. */
    Path effectiveStateDir() {
        if (stateDir != null) {
            return stateDir;
        }
        var fromEnv = env.get("SAMCO_STATE_DIR");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv);
        }
        return SamcoAuth.defaultStateDir();
    }

    /** The effective base URL: option, else SAMCO_BASE_URL, else Samco's production URL. */
    String effectiveBaseUrl() {
        if (baseUrl != null) {
            return baseUrl;
        }
        var fromEnv = env.get("SAMCO_BASE_URL");
        return fromEnv != null && !fromEnv.isBlank() ? fromEnv : SamcoAuth.DEFAULT_BASE_URL;
    }

    /** An {@code --account} value: none (null or blank) means the only account with a session. */
    Either<AuthError, Option<AccountId>> account(String raw) {
        if (raw == null || raw.isBlank()) {
            return Either.right(Option.none());
        }
        return AccountId.of(raw).<AuthError>mapLeft(AuthError.InvalidInput::new).map(Option::some);
    }

    /** What a command that acts on a stored session needs: the facade and the {@code --account} it named. */
    record Ready(SamcoAuth facade, Option<AccountId> account) {}

    /** The facade and the parsed {@code --account}; else the exit code of the failure, already reported. */
    Either<Integer, Ready> ready(Output output, String rawAccount) {
        var named = account(rawAccount);
        if (named.isLeft()) {
            return Either.left(output.fail(named.getLeft()));
        }
        var facade = facade();
        if (facade.isLeft()) {
            return Either.left(output.fail(facade.getLeft()));
        }
        return Either.right(new Ready(facade.get(), named.get()));
    }

    /** Closes what this run opened, the last first (the facade before the store it uses). */
    void closeOpened() {
        var all = new ArrayList<>(opened);
        java.util.Collections.reverse(all);
        for (var one : all) {
            try {
                one.close();
            } catch (Exception e) {
                // the process ends anyway
            }
        }
        opened.clear();
    }

    private static final Consumer<SamcoAuth.Builder> NOTHING_MORE = new Consumer<>() {
        @Override
        public void accept(SamcoAuth.Builder builder) {
            // the options say it all
        }
    };

    /** The facade configured from the options; no I/O happens here. */
    Either<AuthError, SamcoAuth> facade() {
        return facade(NOTHING_MORE);
    }

    /** The facade configured from the options and then by {@code more}; no I/O happens here. */
    Either<AuthError, SamcoAuth> facade(Consumer<SamcoAuth.Builder> more) {
        var where = StoreOption.parse(store != null ? store : env.get("SAMCO_STORE"), effectiveStateDir());
        if (where.isLeft()) {
            return Either.left(where.getLeft());
        }
        var builder = SamcoAuth.builder()
                .baseUrl(effectiveBaseUrl())
                .stateDir(where.get().stateDir())
                .wireLogging(verbose);
        if (where.get().redisUrl().isDefined()) {
            var withPassword = StoreOption.passwordFrom(storePasswordFile, env)
                    .flatMap(with -> StoreOption.sentinelPasswordFrom(storeSentinelPasswordFile, with));
            if (withPassword.isLeft()) {
                return Either.left(withPassword.getLeft());
            }
            var withTls = StoreOption.tlsFiles(withPassword.get(), storeCa, storeCert, storeCertKey);
            var redis = StoreOption.redis(where.get().redisUrl().get(), withTls, storePlainText);
            if (redis.isLeft()) {
                return Either.left(redis.getLeft());
            }
            if (redis.get() instanceof AutoCloseable closeable) {
                opened.add(closeable);
            }
            builder.sessionStore(redis.get());
        }
        more.accept(builder);
        if (timeoutSeconds != null) {
            if (timeoutSeconds <= 0 || timeoutSeconds > 3600) {
                return Either.left(
                        new AuthError.InvalidInput(new DomainError.Malformed("timeout", "1 to 3600 seconds")));
            }
            builder.requestTimeout(Duration.ofSeconds(timeoutSeconds))
                    .connectTimeout(Duration.ofSeconds(Math.min(10, timeoutSeconds)));
        }
        var built = builder.build();
        if (built.isRight()) {
            opened.add(built.get());
        }
        return built;
    }

    /** How long to wait for a person in a browser: --timeout if given, else five minutes. */
    Duration waitForPerson() {
        return timeoutSeconds != null && timeoutSeconds > 0
                ? Duration.ofSeconds(timeoutSeconds)
                : Duration.ofMinutes(5);
    }

    /** The global options as arguments, to run another command with the same settings. */
    List<String> globalArguments() {
        var args = new ArrayList<String>();
        if (timeoutSeconds != null) {
            args.add("--timeout");
            args.add(timeoutSeconds.toString());
        }
        if (verbose) {
            args.add("--verbose");
        }
        return args;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            var version = SamcoCli.class.getPackage().getImplementationVersion();
            return new String[] {"samco " + (version == null ? "(development build)" : version)};
        }
    }
}
