package io.github.samcoauth.adapter.persistence;

import io.github.samcoauth.domain.AccountId;
import io.vavr.control.Option;
import java.nio.file.Path;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Where each file of the session store lives: {@code <stateDir>/sessions/<ACCOUNT>.json}, its lock
 * {@code .<ACCOUNT>.lock}, its temporaries {@code .<ACCOUNT>.json.<uuid>.tmp} and, when corrupt, its
 * quarantined copies {@code <ACCOUNT>.json.corrupt-<stamp>}.
 */
final class SessionFileLayout {

    /** Compiled when a directory is first listed, not when a store is made: most runs list none. */
    private static final class Names {
        static final Pattern SESSION_FILE = Pattern.compile("([A-Z0-9]{3,16})\\.json");
    }

    private static final String TEMP_SUFFIX = ".tmp";

    private final Path stateDir;
    private final Path sessionsDir;

    SessionFileLayout(Path stateDir) {
        this.stateDir = stateDir;
        this.sessionsDir = stateDir.resolve("sessions");
    }

    Path stateDir() {
        return stateDir;
    }

    Path sessionsDir() {
        return sessionsDir;
    }

    Path fileOf(AccountId account) {
        return sessionsDir.resolve(account.value() + ".json");
    }

    Path lockOf(AccountId account) {
        return sessionsDir.resolve("." + account.value() + ".lock");
    }

    /** Held by the one process renewing the account's session. */
    Path renewalLockOf(AccountId account) {
        return sessionsDir.resolve("." + account.value() + ".renewal.lock");
    }

    /** A fresh temporary beside the account's file, for an atomic replace. */
    Path newTemporaryOf(AccountId account) {
        return sessionsDir.resolve("." + account.value() + ".json." + UUID.randomUUID() + TEMP_SUFFIX);
    }

    /** True for a temporary of {@code account} (one a crashed writer may have left). */
    boolean isTemporaryOf(AccountId account, Path file) {
        var name = file.getFileName().toString();
        return name.startsWith("." + account.value() + ".json.") && name.endsWith(TEMP_SUFFIX);
    }

    /** The account whose session {@code file} holds, if it is a session file at all. */
    Option<AccountId> accountOf(Path file) {
        var matcher = Names.SESSION_FILE.matcher(file.getFileName().toString());
        return matcher.matches() ? Option.some(new AccountId(matcher.group(1))) : Option.none();
    }

    Path quarantineOf(Path file, String stamp) {
        return file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
    }
}
