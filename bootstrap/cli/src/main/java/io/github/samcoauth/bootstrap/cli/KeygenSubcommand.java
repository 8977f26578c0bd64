package io.github.samcoauth.bootstrap.cli;

import java.util.Map;
import java.util.concurrent.Callable;

/** {@code samco keygen}: a fresh store key, the one secret this command prints because it is asked to. */
final class KeygenSubcommand implements Callable<Integer> {

    final SamcoCli root;

    KeygenSubcommand(SamcoCli root) {
        this.root = root;
    }

    @Override
    public Integer call() {
        var output = root.output();
        var made = StoreOption.newKey();
        if (made.isLeft()) {
            return output.fail(made.getLeft());
        }
        var key = made.get();
        if (output.json()) {
            output.object(Map.of("key", key));
        } else {
            output.out().println(key);
            output.out().flush();
        }
        return ExitCodes.OK;
    }
}
