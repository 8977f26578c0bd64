package io.github.samcoauth.application.service;

import static io.github.samcoauth.application.service.Fixtures.CLOCK;
import static io.github.samcoauth.application.service.Fixtures.EXPIRED_CODE;
import static io.github.samcoauth.application.service.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.github.samcoauth.application.port.in.RequestOtpCommand;
import io.github.samcoauth.application.port.out.AuditEvent;
import io.github.samcoauth.domain.DomainError;
import io.github.samcoauth.testkit.InMemorySessionStore;
import io.github.samcoauth.testkit.RecordingAuditLog;
import io.github.samcoauth.testkit.ScriptedSamcoApi;
import io.vavr.control.Either;
import io.vavr.control.Option;
import org.junit.jupiter.api.Test;

class RequestOtpServiceTest {

    private final ScriptedSamcoApi samco = new ScriptedSamcoApi();
    private final RecordingAuditLog audit = new RecordingAuditLog();
    private final RequestOtpService service = new RequestOtpService(samco, new InMemorySessionStore(), audit, CLOCK);

    @Test
    void givenSamcoSendsOtp_whenRequestOtp_thenReplyAndAuditedWithMsgId() {
        var result = RequestOtpCommand.of("dv99999").flatMap(service::requestOtp);
        assertThat(result).isEqualTo(Either.<AuthError, SamcoReply>right(ScriptedSamcoApi.OK));
        assertThat(samco.calls()).containsExactly("generateOtp:DV99999");
        assertThat(audit.events())
                .containsExactly(new AuditEvent(
                        NOW,
                        AuditEvent.Type.OTP_REQUESTED,
                        Option.some("DV99999"),
                        ScriptedSamcoApi.OK.msgId(),
                        Option.some(ScriptedSamcoApi.OK.serverTime()),
                        "success"));
    }

    @Test
    void givenSamcoRejects_whenRequestOtp_thenRejectedAndAudited() {
        samco.onOtp(uid -> Either.left(EXPIRED_CODE));
        var result = service.requestOtp(RequestOtpCommand.of("DV99999").get());
        assertThat(result).isEqualTo(Either.left(EXPIRED_CODE));
        assertThat(audit.events())
                .containsExactly(new AuditEvent(
                        NOW,
                        AuditEvent.Type.OTP_REJECTED,
                        Option.some("DV99999"),
                        EXPIRED_CODE.msgId(),
                        EXPIRED_CODE.serverTime(),
                        "rejected"));
    }

    @Test
    void givenSamcoUnavailable_whenRequestOtp_thenUnavailableAndAuditedAsFailed() {
        samco.onOtp(uid -> Either.left(new AuthError.Unavailable("connection refused")));
        service.requestOtp(RequestOtpCommand.of("DV99999").get());
        assertThat(audit.events())
                .extracting(AuditEvent::type, AuditEvent::outcome)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(AuditEvent.Type.OTP_FAILED, "unavailable"));
    }

    @Test
    void givenInvalidUid_whenCommandBuilt_thenInvalidInputAndNothingSent() {
        var result = RequestOtpCommand.of("DV-1").flatMap(service::requestOtp);
        assertThat(result)
                .isEqualTo(Either.left(
                        new AuthError.InvalidInput(new DomainError.Malformed("uid", "3 to 16 letters or digits"))));
        assertThat(samco.calls()).isEmpty();
        assertThat(audit.events()).isEmpty();
    }

    @Test
    void givenStoreNotWritable_whenOtpRequested_thenNoSmsIsSent() {
        var failure = new AuthError.StorageFailure("is a file, not a directory", Option.none());
        var result = new RequestOtpService(samco, FailingStore.notWritable(failure), audit, CLOCK)
                .requestOtp(RequestOtpCommand.of("DV99999").get());
        assertThat(result).isEqualTo(Either.left(failure));
        assertThat(samco.calls()).isEmpty();
    }
}
