package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.domain.Uid;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;

/** The {@code samco otp} command; its options are declared in {@link CliModel}. */
final class OtpSubcommand implements Callable<Integer> {

    final SamcoCli root;

    OtpSubcommand(SamcoCli root) {
        this.root = root;
    }

    String uid;

    @Override
    public Integer call() {
        var output = root.output();
        var parsed = Uid.of(uid);
        if (parsed.isLeft()) {
            return output.fail(new AuthError.InvalidInput(parsed.getLeft()));
        }
        var facade = root.facade();
        if (facade.isLeft()) {
            return output.fail(facade.getLeft());
        }
        output.note("note: Samco has deprecated /otp/generateOtp; it still works, but may be removed."
                + " Samco's web dashboard is the supported way to get a login code.");
        try (var spinner = Spinner.start(output, "Asking Samco to send an OTP…")) {
            root.interruption()
                    .during(output, "the request may have reached Samco: an OTP may be on its way to your phone");
            var result = facade.get().requestOtp(parsed.get().value());
            spinner.close();
            root.interruption().done();
            if (result.isLeft()) {
                return output.fail(result.getLeft());
            }
            var reply = result.get();
            if (output.json()) {
                var object = new LinkedHashMap<String, Object>();
                object.put("uid", parsed.get().value());
                object.putAll(Output.reply(reply));
                object.put("deprecated", true);
                output.object(object);
            } else {
                output.line(reply.statusMessage().isBlank() ? "Samco accepted the request." : reply.statusMessage());
                reply.msgId().forEach(m -> output.line("msgId: " + m));
                output.line("Next: samco login   (enter the code you received)");
            }
            return ExitCodes.OK;
        }
    }
}
