package io.github.samcoauth.bootstrap.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco whoami} command; its options are declared in {@link CliModel}. */
final class WhoAmISubcommand implements Callable<Integer> {

    final SamcoCli root;

    WhoAmISubcommand(SamcoCli root) {
        this.root = root;
    }

    String account;

    @Override
    public Integer call() {
        var output = root.output();
        var ready = root.ready(output, account);
        if (ready.isLeft()) {
            return ready.getLeft();
        }
        var facade = ready.get().facade();
        var named = ready.get().account();
        var result = named.fold(facade::whoami, facade::whoami);
        if (result.isLeft()) {
            return output.fail(result.getLeft());
        }
        var who = result.get().whoAmI();
        if (output.json()) {
            var object = new LinkedHashMap<String, Object>();
            object.put("account", result.get().account().value());
            object.put("srcIp", who.srcIp());
            object.put("primaryIp", who.primaryIp().getOrNull());
            object.put("secondaryIp", who.secondaryIp().getOrNull());
            object.put("matches", who.matches());
            object.put("matchedAs", who.matchedAs().getOrNull());
            output.object(object);
        } else {
            output.line("Samco sees " + who.srcIp() + " for " + result.get().account() + ": "
                    + (who.matches()
                            ? "a registered static IP (" + who.matchedAs().getOrElse("registered") + ")"
                            : "NOT a registered static IP; order APIs will refuse it"));
            output.line("    primary:   " + who.primaryIp().getOrElse("(none)"));
            output.line("    secondary: " + who.secondaryIp().getOrElse("(none)"));
        }
        return ExitCodes.OK;
    }
}
