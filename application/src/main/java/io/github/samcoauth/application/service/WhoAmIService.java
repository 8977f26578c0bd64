package io.github.samcoauth.application.service;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.port.in.AccountWhoAmI;
import io.github.samcoauth.application.port.in.CurrentSessionCommand;
import io.github.samcoauth.application.port.in.WhoAmIUseCase;
import io.github.samcoauth.application.port.out.SamcoApiPort;
import io.github.samcoauth.application.port.out.SessionStorePort;
import io.vavr.control.Either;
import java.time.Clock;

public final class WhoAmIService implements WhoAmIUseCase {

    private final SamcoApiPort samco;
    private final SessionResolver resolver;

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
