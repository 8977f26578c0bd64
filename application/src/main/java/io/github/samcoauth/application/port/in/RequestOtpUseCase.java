package io.github.samcoauth.application.port.in;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.application.SamcoReply;
import io.vavr.control.Either;

/** Ask Samco to send an OTP to the user's registered phone and e-mail (deprecated by Samco). */
@FunctionalInterface
public interface RequestOtpUseCase {

    Either<AuthError, SamcoReply> requestOtp(RequestOtpCommand command);
}
