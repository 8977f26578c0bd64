package io.github.samcoauth.bootstrap.cli;

import io.github.samcoauth.application.AuthError;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.github.samcoauth.domain.DomainError;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** The {@code samco sandbox} command; its options are declared in {@link CliModel}. */
final class SandboxSubcommand implements Callable<Integer> {

    final SamcoCli root;

    SandboxSubcommand(SamcoCli root) {
        this.root = root;
    }

    int port;

    int codeTtlSeconds = (int) SandboxServer.DEFAULT_CODE_TTL.toSeconds();

    String registeredIp;

    /** A literal address only: no name is looked up. */
    private static boolean isIpAddress(String text) {
        var t = text.strip();
        if (t.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}")) {
            for (var octet : t.split("\\.")) {
                if (Integer.parseInt(octet) > 255) {
                    return false;
                }
            }
            return true;
        }
        return t.contains(":") && t.matches("[0-9A-Fa-f:.]{2,45}");
    }

    @Override
    public Integer call() throws InterruptedException {
        var output = root.output();
        if (port < 0 || port > 65535 || codeTtlSeconds <= 0) {
            return output.fail(new AuthError.InvalidInput(new DomainError.Malformed(
                    port < 0 || port > 65535 ? "port" : "code ttl",
                    port < 0 || port > 65535 ? "0 to 65535" : "a positive number of seconds")));
        }
        if (registeredIp != null && !isIpAddress(registeredIp)) {
            return output.fail(new AuthError.InvalidInput(
                    new DomainError.Malformed("registered IP", "an IPv4 or IPv6 address, e.g. 203.0.113.7")));
        }
        SandboxServer sandbox;
        try {
            var builder = SandboxServer.builder().port(port).codeTtl(Duration.ofSeconds(codeTtlSeconds));
            if (registeredIp != null) {
                builder.registeredIp(
                        java.net.InetAddress.getByName(registeredIp.strip()).getHostAddress());
            }
            sandbox = builder.start();
        } catch (IOException e) {
            // nothing was sent anywhere: the --port value cannot be used here (taken, or not allowed)
            return output.fail(new AuthError.InvalidInput(new DomainError.Malformed(
                    "port", "a port this process can listen on (" + port + ": " + e.getMessage() + ")")));
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
            output.line("Try:  SAMCO_BASE_URL=" + sandbox.url() + " ./samco otp --uid DV99999");
            output.line("Stop with Ctrl-C.");
        }
        stopped.await();
        return ExitCodes.OK;
    }
}
