package io.github.samcoauth.archfixtures.bootstrap.sandbox;

import io.github.samcoauth.archfixtures.domain.GoodValue;

/** Good: the sandbox speaks the wire format and may use the domain's value objects. */
public final class SandboxThing {
    public Object answer() {
        return new GoodValue("x");
    }
}
