package io.github.samcoauth.archfixtures.bootstrap;

import io.github.samcoauth.archfixtures.bootstrap.cli.CliThing;

/** Bad: the library a platform depends on reaches into the CLI. */
public final class FacadeUsingCli {
    public Object wire() {
        return new CliThing().run();
    }
}
