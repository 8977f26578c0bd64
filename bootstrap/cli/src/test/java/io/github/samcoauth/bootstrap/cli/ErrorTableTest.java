package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.AccountId;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.domain.ServerTime;
import io.vavr.collection.List;
import io.vavr.control.Option;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ErrorTableTest {

    @Test
    void givenTheSealedHierarchy_whenTableRead_thenEveryKindOfErrorHasARow() {
        assertThat(new java.util.HashSet<Class<?>>(ErrorTable.TABLE.keySet()))
                .containsExactlyInAnyOrder(AuthError.class.getPermittedSubclasses());
    }

    @Test
    void givenEachKindOfError_whenMapped_thenTheDocumentedExitCodeAndJsonFields() {
        var rejected = new AuthError.Rejected(
                "Failure",
                List.of("Invalid API key"),
                Option.some("EOAUTH001"),
                Option.some("m-1"),
                Option.some(ServerTime.of(Instant.parse("2025-01-13T04:40:40Z"))),
                401);
        assertThat(ErrorTable.exitCode(rejected)).isEqualTo(3);
        assertThat(ErrorTable.json(rejected))
                .containsEntry("code", "rejected")
                .containsEntry("errorCode", "EOAUTH001")
                .containsEntry("msgId", "m-1")
                .containsEntry("serverTime", "13/01/25 10:10:40")
                .containsEntry("httpStatus", 401)
                .containsEntry("messages", java.util.List.of("Invalid API key"));
        assertThat(ErrorTable.hint(rejected)).hasValue("quote msgId m-1 to Samco support if this persists");

        var invalid = new AuthError.InvalidInput(new DomainError.Blank("uid"));
        assertThat(ErrorTable.exitCode(invalid)).isEqualTo(2);
        assertThat(ErrorTable.json(invalid)).containsEntry("field", "uid");

        var required = new AuthError.AccountRequired(List.of(new AccountId("DV99999"), new AccountId("RM3XXXXX")));
        assertThat(ErrorTable.exitCode(required)).isEqualTo(2);
        assertThat(ErrorTable.json(required)).containsEntry("accounts", java.util.List.of("DV99999", "RM3XXXXX"));

        var none = new AuthError.NoSession(Option.some(new AccountId("DV99999")));
        assertThat(ErrorTable.exitCode(none)).isEqualTo(4);
        assertThat(ErrorTable.json(none)).containsEntry("account", "DV99999");

        assertThat(ErrorTable.exitCode(new AuthError.Unavailable("down"))).isEqualTo(5);
        assertThat(ErrorTable.exitCode(new AuthError.UnexpectedResponse("odd"))).isEqualTo(6);

        var storage = new AuthError.StorageFailure("cannot save", Option.some("/x/sessions/DV99999.json"));
        assertThat(ErrorTable.exitCode(storage)).isEqualTo(7);
        assertThat(ErrorTable.json(storage))
                .isEqualTo(Map.of(
                        "code", "storage-failure", "message", storage.message(), "path", "/x/sessions/DV99999.json"));
    }

    @Test
    void givenOAuthRejectionsThatNeedTheirOwnWord_whenHinted_thenConcurrentExchangeAndReuseSaidSo() {
        var concurrent = new AuthError.Rejected(
                "Failure", List.of("busy"), Option.some("EOAUTH030"), Option.some("m-2"), Option.none(), 409);
        assertThat(ErrorTable.hint(concurrent))
                .hasValueSatisfying(h -> assertThat(h).contains("exchanged elsewhere"));
        var reused = new AuthError.Rejected(
                "Failure", List.of("used"), Option.some("EOAUTH012"), Option.none(), Option.none(), 400);
        assertThat(ErrorTable.hint(reused))
                .hasValueSatisfying(h -> assertThat(h).contains("log in again with --oauth"));
        assertThat(ErrorTable.exitCode(concurrent)).isEqualTo(3);
    }
}
