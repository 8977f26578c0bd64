package io.github.samcoauth.adapter.persistence.redis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A private CA and the certificates the TLS tests need, made with {@code openssl} in a directory of
 * the test's: a server certificate for {@code localhost} and {@code 127.0.0.1}, one for another
 * host, one that expired in 2020, a client certificate, and a second CA nobody trusts.
 */
public final class TestCertificates {

    private static final String CA_CONFIG = """
            [ ca ]
            default_ca = test_ca
            [ test_ca ]
            database = index.txt
            new_certs_dir = .
            serial = serial
            default_md = sha256
            policy = any
            copy_extensions = copy
            unique_subject = no
            [ any ]
            commonName = supplied
            """;

    private final Path dir;

    private TestCertificates(Path dir) {
        this.dir = dir;
    }

    /** Makes every certificate in {@code dir}; a missing {@code openssl} fails with what to install. */
    public static TestCertificates makeIn(Path dir) throws IOException, InterruptedException {
        var made = new TestCertificates(dir);
        Files.writeString(dir.resolve("ca.cnf"), CA_CONFIG);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "01\n");
        made.selfSigned("ca", "samco-auth test CA");
        made.selfSigned("stranger-ca", "a CA nobody here trusts");
        made.signed("server", "localhost", "DNS:localhost,IP:127.0.0.1", "-days", "30");
        made.signed("elsewhere", "elsewhere.example", "DNS:elsewhere.example", "-days", "30");
        made.signed(
                "expired",
                "localhost",
                "DNS:localhost,IP:127.0.0.1",
                "-startdate",
                "20200101000000Z",
                "-enddate",
                "20200102000000Z");
        made.signed("client", "samco-auth client", "DNS:client.samco-auth.test", "-days", "30");
        made.signedBy("stranger-ca", "stranger-server", "localhost", "DNS:localhost,IP:127.0.0.1");
        return made;
    }

    /**
     * redis-server's settings for TLS with {@code certificate} ({@code server} or another made
     * here), asking clients for theirs when {@code authClients} is {@code yes}, then {@code more}
     * (e.g. {@code --tls-replication yes}).
     */
    public java.util.List<String> serverSettings(String certificate, String authClients, String... more) {
        var settings = new java.util.ArrayList<>(java.util.List.of(
                "--tls-cert-file", certificate(certificate).toString(),
                "--tls-key-file", key(certificate).toString(),
                "--tls-ca-cert-file", ca().toString(),
                "--tls-auth-clients", authClients));
        settings.addAll(java.util.List.of(more));
        return settings;
    }

    /**
     * Lettuce's client options for a server of these certificates that asks for a client's: the CA
     * trusted, the {@code client} certificate presented (the JDK's TLS).
     */
    public io.lettuce.core.ClientOptions clientOptions() {
        return io.lettuce.core.ClientOptions.builder()
                .sslOptions(io.lettuce.core.SslOptions.builder()
                        .jdkSslProvider()
                        .trustManager(ca().toFile())
                        .keyManager(
                                certificate("client").toFile(), key("client").toFile(), null)
                        .build())
                .build();
    }

    public Path ca() {
        return dir.resolve("ca.crt");
    }

    public Path certificate(String name) {
        return dir.resolve(name + ".crt");
    }

    public Path key(String name) {
        return dir.resolve(name + ".key");
    }

    private void selfSigned(String name, String subject) throws IOException, InterruptedException {
        openssl(
                "req",
                "-x509",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".crt",
                "-days",
                "30",
                "-subj",
                "/CN=" + subject);
    }

    private void signed(String name, String subject, String names, String... validity)
            throws IOException, InterruptedException {
        request(name, subject, names);
        var command = new ArrayList<>(List.of(
                "ca",
                "-batch",
                "-config",
                "ca.cnf",
                "-cert",
                "ca.crt",
                "-keyfile",
                "ca.key",
                "-in",
                name + ".csr",
                "-out",
                name + ".crt",
                "-notext"));
        command.addAll(List.of(validity));
        openssl(command.toArray(String[]::new));
    }

    private void signedBy(String ca, String name, String subject, String names)
            throws IOException, InterruptedException {
        request(name, subject, names);
        openssl(
                "x509",
                "-req",
                "-in",
                name + ".csr",
                "-CA",
                ca + ".crt",
                "-CAkey",
                ca + ".key",
                "-CAcreateserial",
                "-out",
                name + ".crt",
                "-days",
                "30",
                "-copy_extensions",
                "copy");
    }

    private void request(String name, String subject, String names) throws IOException, InterruptedException {
        openssl(
                "req",
                "-new",
                "-newkey",
                "ec",
                "-pkeyopt",
                "ec_paramgen_curve:P-256",
                "-nodes",
                "-keyout",
                name + ".key",
                "-out",
                name + ".csr",
                "-subj",
                "/CN=" + subject,
                "-addext",
                "subjectAltName=" + names);
    }

    private void openssl(String... arguments) throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        Process process;
        try {
            process = new ProcessBuilder(command)
                    .directory(dir.toFile())
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            throw new IllegalStateException("the TLS tests make their certificates with openssl: install it", e);
        }
        var output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("openssl " + String.join(" ", arguments) + " failed:\n" + output);
        }
    }
}
