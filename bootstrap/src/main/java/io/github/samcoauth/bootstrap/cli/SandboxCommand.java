package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code samco sandbox} command; its options are declared in {@link CliModel}. */
final class SandboxCommand implements Callable<Integer> {

    final SamcoCli root;

    SandboxCommand(SamcoCli root) {
        this.root = root;
    }

    int port;

    int codeTtlSeconds = 120;

    @Override
    public Integer call() throws InterruptedException {
        var output = root.output();
        if (port < 0 || port > 65535 || codeTtlSeconds <= 0) {
            return output.fail(new io.github.samcoauth.application.AuthError.InvalidInput(
                    new io.github.samcoauth.domain.DomainError.Malformed(
                            port < 0 || port > 65535 ? "port" : "code ttl",
                            port < 0 || port > 65535 ? "0 to 65535" : "a positive number of seconds")));
        }
        SandboxServer sandbox;
        try {
            sandbox = SandboxServer.builder()
                    .port(port)
                    .codeTtl(Duration.ofSeconds(codeTtlSeconds))
                    .start();
        } catch (IOException e) {
            return output.fail(new io.github.samcoauth.application.AuthError.StorageFailure(
                    "cannot listen on port " + port + ": " + e.getMessage(), io.vavr.control.Option.none()));
        }
        var stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sandbox.close();
            stopped.countDown();
        }));
        sandbox.onDelivery(delivery -> {
            if (output.json()) {
                var event = new LinkedHashMap<String, Object>();
                event.put("event", "otp");
                event.put("uid", delivery.uid());
                event.put("code", delivery.code());
                event.put("expiresAt", delivery.expiresAt().toString());
                output.object(event);
            } else {
                output.line(
                        "OTP for " + delivery.uid() + ": " + delivery.code() + "   (valid " + codeTtlSeconds + " s)");
            }
        });
        if (output.json()) {
            var started = new LinkedHashMap<String, Object>();
            started.put("event", "started");
            started.put("url", sandbox.url());
            started.put(
                    "accounts",
                    SandboxServer.DEFAULT_ACCOUNTS.keySet().stream().sorted().toList());
            output.object(started);
        } else {
            output.line("Samco sandbox listening at " + sandbox.url());
            output.line("Known uids: "
                    + String.join(
                            ", ",
                            SandboxServer.DEFAULT_ACCOUNTS.keySet().stream()
                                    .sorted()
                                    .toList()));
            output.line("Try:  SAMCO_BASE_URL=" + sandbox.url() + " samco otp --uid DV99999");
            output.line("Stop with Ctrl-C.");
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
