package io.github.samcoauth.archfixtures.bootstrap.sandbox;

import io.github.samcoauth.archfixtures.adapter.http.HttpThing;

/** Bad: the sandbox, a stand-in for Samco, reaches into the client's adapter. */
public final class SandboxUsingAdapter {
    public Object answer() {
        return new HttpThing().use();
    }
}
