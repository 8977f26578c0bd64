package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.vavr.control.Either;

/** Ask Samco to send an OTP to the user's registered phone and e-mail (deprecated by Samco). */
@FunctionalInterface
public interface RequestOtpUseCase {

    /**
     * Asks Samco to send an OTP to the user's phone and e-mail.
     *
     * @param command the user id
     * @return what Samco said, or why it did not send one
     */
    Either<AuthError, SamcoReply> requestOtp(RequestOtpCommand command);
}
