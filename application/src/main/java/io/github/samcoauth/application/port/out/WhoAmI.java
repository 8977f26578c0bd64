package io.github.samcoauth.application.port.out;

import io.github.samcoauth.application.SamcoReply;
import io.vavr.control.Option;
import java.util.Objects;

/**
 * What {@code GET /ip/whoami} says: the public IP Samco sees, the static IPs registered for the
 * app (empty when unset), and whether the one matches one of the others.
 *
 * @param matchedAs which of them it is, when it is one
 * @param matches whether {@code srcIp} is one of them
 * @param primaryIp the app's primary static IP, when registered
 * @param reply what Samco said with it
 * @param secondaryIp the app's secondary static IP, when registered
 * @param srcIp the IP Samco sees
 */
public record WhoAmI(
        String srcIp,
        Option<String> primaryIp,
        Option<String> secondaryIp,
        boolean matches,
        Option<String> matchedAs,
        SamcoReply reply) {

    /**
     * Checks that no part is missing.
     *
     * @param srcIp the IP Samco sees
     * @param primaryIp the app's primary static IP, when registered
     * @param secondaryIp the app's secondary static IP, when registered
     * @param matches whether {@code srcIp} is one of them
     * @param matchedAs which of them it is, when it is one
     * @param reply what Samco said with it
     */
    public WhoAmI {
        Objects.requireNonNull(srcIp, "srcIp");
        Objects.requireNonNull(primaryIp, "primaryIp");
        Objects.requireNonNull(secondaryIp, "secondaryIp");
        Objects.requireNonNull(matchedAs, "matchedAs");
        Objects.requireNonNull(reply, "reply");
    }
}
