package io.github.samcoauth.archfixtures.application.port.out;

/** Bad: an outgoing port whose name does not end in Port. */
public interface SessionStore {
    void save();
}
