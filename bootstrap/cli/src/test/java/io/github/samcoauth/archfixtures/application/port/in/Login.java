package io.github.samcoauth.archfixtures.application.port.in;

/** Bad: a use case whose name does not end in UseCase. */
public interface Login {
    void login();
}
