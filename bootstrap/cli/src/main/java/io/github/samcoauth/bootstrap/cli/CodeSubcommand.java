package io.github.samcoauth.bootstrap.cli;

import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco code} command; its options are declared in {@link CliModel}. */
final class CodeSubcommand implements Callable<Integer> {

    final SamcoCli root;

    CodeSubcommand(SamcoCli root) {
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
        root.interruption().during(output, "a code may have been minted at Samco; it expires by itself");
        var result = named.fold(facade::mintLoginCode, facade::mintLoginCode);
        root.interruption().done();
        if (result.isLeft()) {
            return output.fail(result.getLeft());
        }
        var minted = result.get().minted();
        if (output.json()) {
            var object = new LinkedHashMap<String, Object>();
            object.put("account", result.get().account().value());
            object.put("code", minted.code().value());
            object.put("expiresInSeconds", minted.expiresIn().toSeconds());
            output.object(object);
        } else {
            output.out().println(minted.code().value());
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
