package io.github.samcoauth.bootstrap.cli;

/** The {@code samco} exit codes: a public contract, never renumbered. {@link ErrorTable} maps errors to them. */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** A bug in samco-auth. */
    public static final int BUG = 1;
    /** Invalid input or usage: nothing was sent to Samco. */
    public static final int USAGE = 2;
    /** Rejected by Samco (a wrong, reused or expired code, an unknown uid, an IP that is not the registered one). */
    public static final int REJECTED = 3;
    /** No valid session, or one only a person can renew, or one made at another origin. */
    public static final int NO_SESSION = 4;
    /** Samco unavailable: unreachable, a timeout, a 5xx, a gateway's error page. */
    public static final int UNAVAILABLE = 5;
    /** An answer from Samco that is not what its documentation promises. */
    public static final int UNEXPECTED_RESPONSE = 6;
    /** A storage failure: the state directory, a session file or the Redis store. */
    public static final int STORAGE = 7;
    /** {@code login --oauth}: the browser never came back from the consent page in time. */
    public static final int NO_CALLBACK = 8;

    private ExitCodes() {}
}
