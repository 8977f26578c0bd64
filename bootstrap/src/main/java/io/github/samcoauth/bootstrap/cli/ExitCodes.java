package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;

/** The {@code samco} exit codes: a public contract, never renumbered. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int BUG = 1;
    public static final int USAGE = 2;
    public static final int REJECTED = 3;
    public static final int NO_SESSION = 4;
    public static final int UNAVAILABLE = 5;
    public static final int UNEXPECTED_RESPONSE = 6;
    public static final int STORAGE = 7;

    private ExitCodes() {}

    public static int of(AuthError error) {
        if (error instanceof AuthError.InvalidInput || error instanceof AuthError.AccountRequired) {
            return USAGE;
        }
        if (error instanceof AuthError.Rejected) {
            return REJECTED;
        }
        if (error instanceof AuthError.NoSession) {
            return NO_SESSION;
        }
        if (error instanceof AuthError.Unavailable) {
            return UNAVAILABLE;
        }
        if (error instanceof AuthError.UnexpectedResponse) {
            return UNEXPECTED_RESPONSE;
        }
        return STORAGE;
    }
}
