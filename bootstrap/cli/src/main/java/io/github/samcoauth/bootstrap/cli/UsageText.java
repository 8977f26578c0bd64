package io.github.samcoauth.bootstrap.cli;

/**
 * What {@code samco --help} prints, rendered ahead by picocli: a constant, so that printing it
 * reads no resource. Written by {@code UsageTextTest} (-Dsamco.writeUsage=<this file>), which
 * also keeps it equal to what the annotations render.
 */
final class UsageText {

    private UsageText() {}

    static final String TEXT = ""
            + "Usage: samco [-hV] [--json] [--store-plain-text] [--verbose] [--base-url=URL]\n"
            + "             [--state-dir=DIR] [--store=URL] [--timeout=SECONDS] [COMMAND]\n"
            + "Log in to the Samco Trade API and keep the session.\n"
            + "      --base-url=URL       Samco's API (env SAMCO_BASE_URL)\n"
            + "      --state-dir=DIR      where sessions are kept (env SAMCO_STATE_DIR,\n"
            + "                             default ~/.samco)\n"
            + "      --store=URL          where sessions are kept: file:DIR (the default, like\n"
            + "                             --state-dir) or redis://\u2026 or rediss://\u2026 shared by\n"
            + "                             a fleet (env SAMCO_STORE; key in SAMCO_STORE_KEY)\n"
            + "      --store-plain-text   keep tokens in Redis unencrypted (anyone who can\n"
            + "                             read Redis can use them)\n"
            + "      --timeout=SECONDS    how long to wait for Samco (default 30)\n"
            + "      --json               print exactly one JSON object on stdout\n"
            + "      --verbose            log the HTTP exchange (secrets masked) and show\n"
            + "                             stack traces\n"
            + "  -h, --help               Show this help message and exit.\n"
            + "  -V, --version            Print version information and exit.\n"
            + "Commands:\n"
            + "  otp      Ask Samco to send an OTP to your phone and e-mail (generateOtp).\n"
            + "  login    Redeem a login code for a session and store it.\n"
            + "  session  Show stored sessions: account, name, exchanges, products, expiry,\n"
            + "             valid or expired. Never the token.\n"
            + "  token    Print only the raw session token of the valid session, for scripts.\n"
            + "  logout   Log out at Samco, then remove the local session.\n"
            + "  refresh  Get a new session the way the stored one was made (valid or expired).\n"
            + "  code     Mint a login code with the valid session, for another device; prints\n"
            + "             only the code.\n"
            + "  whoami   Show the IP Samco sees for the valid session, and whether it is a\n"
            + "             registered static IP.\n"
            + "  keep     Keep one account's session valid until stopped: renew it ahead of\n"
            + "             expiry, check it with Samco, renew it once when Samco refuses it;\n"
            + "             one line per event.\n"
            + "  keygen   Print a fresh key for SAMCO_STORE_KEY (base64 of 32 random bytes).\n"
            + "  sandbox  Run the embedded Samco sandbox on loopback until stopped (Ctrl-C).\n"
            + "  demo     Run the whole flow against an embedded sandbox in a temporary state\n"
            + "             directory.\n"
            + "  help     Display help information about the specified command.\n"
            + "\n"
            + "Environment:\n"
            + "  SAMCO_BASE_URL   default for --base-url (https://tradeapi.samco.in)\n"
            + "  SAMCO_STATE_DIR  default for --state-dir (~/.samco)\n"
            + "  SAMCO_STORE      default for --store (file:~/.samco)\n"
            + "  SAMCO_STORE_KEY  the key tokens in Redis are encrypted with (samco keygen)\n"
            + "  SAMCO_STORE_CA   CA certificates (PEM) a rediss:// store is checked against\n"
            + "  SAMCO_API_KEY    the dashboard's API key (login --api-key, refresh)\n"
            + "  SAMCO_API_SECRET the dashboard's API secret\n"
            + "\n"
            + "Exit codes:\n"
            + "  0 ok              3 rejected by Samco     6 unexpected response from Samco\n"
            + "  1 bug             4 no valid session      7 local storage failure\n"
            + "  2 invalid input   5 Samco unavailable   130 interrupted: a request may have\n"
            + "                                            reached Samco\n";
}
