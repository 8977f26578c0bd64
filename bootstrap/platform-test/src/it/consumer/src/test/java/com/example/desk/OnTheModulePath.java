package com.example.desk;

import io.github.samcoauth.bootstrap.SamcoAuth;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import io.github.samcoauth.domain.Session;
import java.nio.file.Files;
import java.time.Duration;

/**
 * A platform's program run with samco-auth on the module path ({@link ModulePathTest} starts it):
 * prints the module each part comes from, then logs in to the sandbox and out again.
 */
public final class OnTheModulePath {

    private OnTheModulePath() {}

    public static void main(String[] args) throws Exception {
        System.out.println("facade=" + SamcoAuth.class.getModule().getName());
        System.out.println("sandbox=" + SandboxServer.class.getModule().getName());
        System.out.println("domain=" + Session.class.getModule().getName());
        var store = io.github.samcoauth.adapter.persistence.FileSessionStoreAdapter.class.getModule();
        System.out.println("store=" + store.getName() + " automatic=" + store.getDescriptor().isAutomatic());
        var stateDir = Files.createTempDirectory("samco-module-path");
        try (var sandbox = SandboxServer.start();
                var samco = SamcoAuth.builder()
                        .baseUrl(sandbox.url())
                        .stateDir(stateDir)
                        .build()
                        .getOrElseThrow(e -> new IllegalStateException(e.message()))) {
            samco.requestOtp("DV99999").getOrElseThrow(e -> new IllegalStateException(e.message()));
            var code = sandbox.awaitOtp("DV99999", Duration.ofSeconds(5)).orElseThrow().code();
            var session = samco.login(code).getOrElseThrow(e -> new IllegalStateException(e.message()));
            System.out.println("account=" + session.accountId().value());
            var out = samco.logout().getOrElseThrow(e -> new IllegalStateException(e.message()));
            System.out.println("logged-out=" + out.complete());
        }
    }
}
