package io.github.samcoauth.bootstrap.cli;

/** The {@code samco} exit codes: a public contract, never renumbered. {@link ErrorTable} maps errors to them. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int BUG = 1;
    public static final int USAGE = 2;
    public static final int REJECTED = 3;
    public static final int NO_SESSION = 4;
    public static final int UNAVAILABLE = 5;
    public static final int UNEXPECTED_RESPONSE = 6;
    public static final int STORAGE = 7;
    /** {@code login --oauth}: the browser never came back from the consent page in time. */
    public static final int NO_CALLBACK = 8;

    private ExitCodes() {}
}
