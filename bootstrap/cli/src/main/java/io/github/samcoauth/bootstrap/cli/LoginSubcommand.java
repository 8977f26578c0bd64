package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.domain.Session;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** The {@code samco login} command; its options are declared in {@link CliModel}. */
final class LoginSubcommand implements Callable<Integer> {

    final SamcoCli root;

    LoginSubcommand(SamcoCli root) {
        this.root = root;
    }

    String otp;

    boolean apiKey;

    boolean oauth;

    String redirectUrl;

    boolean noBrowser;

    Path credentials;

    @Override
    public Integer call() {
        var output = root.output();
        var facade = root.facade();
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        if (apiKey) {
            return withApiKey(output, facade.get());
        }
        if (oauth) {
            return withOAuth(output, facade.get());
        }
        var raw = otp != null ? otp : readCode(output);
        var interruption = root.interruption();
        try (var spinner = Spinner.start(output, "Redeeming the login code…")) {
            interruption.during(
                    output,
                    "the login code may have reached Samco and been used: `samco session` shows whether a"
                            + " session was stored; if not, get a new code");
            var result = facade.get().login(raw);
            spinner.close();
            interruption.done();
            if (result.isLeft()) {
                var error = result.getLeft();
                int exit = output.fail(error);
                if (!output.json() && error instanceof AuthError.Rejected) {
                    output.note("hint: a login code is single use and expires within minutes (case does not"
                            + " matter): if this one was typed right, get a new one");
                } else if (!output.json() && error instanceof AuthError.Unavailable) {
                    output.note("hint: the code may have reached Samco and been used; if `samco session` shows"
                            + " no session, get a new code");
                }
                return exit;
            }
            return printed(output, result.get(), "Logged in.");
        }
    }

    /** {@code login --api-key}: headless, with the dashboard's key and secret. */
    private int withApiKey(Output output, SamcoAuth facade) {
        var given = Credentials.required(root.env(), credentials);
        if (given.isLeft()) {
            int exit = output.fail(given.getLeft());
            if (!output.json()) {
                output.note("hint: " + Credentials.HINT);
            }
            return exit;
        }
        var interruption = root.interruption();
        try (var spinner = Spinner.start(output, "Asking Samco for a session…")) {
            interruption.during(
                    output, "the request may have reached Samco: `samco session` shows whether a session was stored");
            var result = facade.loginWithApiKey(
                    given.get().key().value(), given.get().secret().value());
            spinner.close();
            interruption.done();
            return result.fold(output::fail, session -> printed(output, session, "Logged in with the API key."));
        }
    }

    /** {@code login --oauth}: the consent page in a browser, the callback on this machine. */
    private int withOAuth(Output output, SamcoAuth facade) {
        var key = Credentials.apiKeyOnly(root.env(), credentials);
        if (key.isLeft()) {
            int exit = output.fail(key.getLeft());
            if (!output.json()) {
                output.note(
                        "hint: the app's API key comes from " + Credentials.KEY_VARIABLE + " or --credentials FILE");
            }
            return exit;
        }
        var started = facade.startOAuth(key.get(), redirectUrl);
        if (started.isLeft()) {
            return output.fail(started.getLeft());
        }
        var listening = OAuthCallbackListener.listen(redirectUrl, started.get().state());
        if (listening.isLeft()) {
            return output.fail(listening.getLeft());
        }
        try (var listener = listening.get()) {
            output.note("Open this page to sign in with Samco (samco waits for the browser to come back):");
            output.note(started.get().authorizeUrl());
            if (!noBrowser && output.interactive()) {
                Browser.open(started.get().authorizeUrl());
            }
            var interruption = root.interruption();
            interruption.during(output, "nothing was sent to Samco yet: run the login again");
            var callback = listener.await(root.waitForPerson());
            if (callback.isLeft()) {
                interruption.done();
                return output.fail(callback.getLeft());
            }
            interruption.during(
                    output, "the authorization code may have reached Samco and been used: run the login again");
            var result = facade.finishOAuth(started.get(), callback.get());
            interruption.done();
            return result.fold(output::fail, session -> printed(output, session, "Logged in with OAuth."));
        }
    }

    /** The session just made, as {@code login} and {@code refresh} print it. */
    static int printed(Output output, Session session, String headline) {
        if (output.json()) {
            output.object(Output.session(session, true));
        } else {
            output.line(headline);
            output.humanSession(session, true);
        }
        return ExitCodes.OK;
    }

    private String readCode(Output output) {
        if (output.interactive() && System.console() != null) {
            root.interruption().prompting(output, true);
            var chars = System.console().readPassword("Login code: ");
            root.interruption().prompting(output, false);
            return chars == null ? null : new String(chars);
        }
        try {
            var reader = new BufferedReader(new InputStreamReader(root.in(), StandardCharsets.UTF_8));
            return reader.readLine();
        } catch (IOException e) {
            return null;
        }
    }
}
