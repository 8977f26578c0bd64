package io.github.samcoauth.bootstrap.spring;

import io.github.samcoauth.application.port.in.SessionEvent;
import io.github.samcoauth.application.port.in.SessionSourceUseCase;
import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.domain.AccountId;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The session sources of the accounts in {@code samco.auth.accounts} (or, with none named, of the
 * one session the store holds), and when each was last renewed.
 */
public final class SamcoSessions {

    private final SamcoAuth samco;
    private final List<AccountId> accounts;
    private final Map<AccountId, Instant> renewed = new ConcurrentHashMap<>();

    SamcoSessions(SamcoAuth samco, List<AccountId> accounts) {
        this.samco = samco;
        this.accounts = List.copyOf(accounts);
    }

    /**
     * The accounts named in {@code samco.auth.accounts}; empty when none was.
     *
     * @return the accounts
     */
    public List<AccountId> accounts() {
        return accounts;
    }

    /**
     * {@code account}'s session source, kept valid in the background.
     *
     * @param account the account
     * @return its session source
     */
    public SessionSourceUseCase source(AccountId account) {
        return samco.sessionSource(account);
    }

    /**
     * The session source of the only account named, or of the one session stored.
     *
     * @return the session source
     */
    public SessionSourceUseCase source() {
        return accounts.size() == 1 ? samco.sessionSource(accounts.get(0)) : samco.sessionSource();
    }

    /**
     * When {@code account}'s session was last renewed, here or by another instance, since start.
     *
     * @param account the account
     * @return when, or empty when it was not renewed since start
     */
    public Optional<Instant> lastRenewal(AccountId account) {
        return Optional.ofNullable(renewed.get(account));
    }

    void on(SessionEvent event) {
        if (event.type() == SessionEvent.Type.RENEWED) {
            renewed.put(event.account(), Instant.now());
        }
    }
}
