package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.AccountWhoAmI;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.WhoAmIUseCase;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.vavr.control.Either;
import java.time.Clock;

/** Asks Samco which IP it sees for a stored session ({@code GET /ip/whoami}). */
public final class WhoAmIService implements WhoAmIUseCase {

    private final SamcoApiPort samco;
    private final SessionResolver resolver;

    /**
     * A service over these ports.
     *
     * @param samco the Samco API
     * @param store where sessions are kept
     * @param clock the time
     */
    public WhoAmIService(SamcoApiPort samco, SessionStorePort store, Clock clock) {
        this.samco = samco;
        this.resolver = new SessionResolver(store, clock);
    }

    @Override
    public Either<AuthError, AccountWhoAmI> whoami(CurrentSessionCommand command) {
        return resolver.validSession(command.account())
                .flatMap(session ->
                        samco.whoami(session.token()).map(whoAmI -> new AccountWhoAmI(session.accountId(), whoAmI)));
    }
}
