package io.github.samcoauth.archfixtures.bootstrap.cli;

import io.github.samcoauth.archfixtures.bootstrap.Wiring;
import io.github.samcoauth.archfixtures.bootstrap.sandbox.SandboxThing;

/** Good: the CLI drives the facade and the sandbox. */
public final class CliThing {
    public Object run() {
        return java.util.List.of(new Wiring().wire(), new SandboxThing().answer());
    }
}
