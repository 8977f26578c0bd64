package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.samcoauth.bootstrap.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * The OAuth flow as a person meets it: the real {@code samco.jar} runs {@code login --oauth}, headless
 * Chromium (Debian's {@code chromium} and {@code chromium-driver}) opens the address it prints on
 * the sandbox's consent page and clicks Allow (or Deny). {@code .ci/run} installs Chromium; where it
 * is missing, this test is skipped and says why.
 */
class OAuthBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private SandboxServer sandbox;
    private String redirect;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        var missing = !Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER);
        if (missing) {
            System.out.println("OAuthBrowserIT skipped: " + CHROMIUM + " and " + CHROMEDRIVER
                    + " are needed (Debian packages chromium and chromium-driver; .ci/run installs them)");
        }
        assumeTrue(!missing, "Chromium is not installed: apt-get install chromium chromium-driver");
        int port;
        try (var socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redirect = "http://127.0.0.1:" + port + "/callback";
        sandbox = SandboxServer.builder()
                .apps(List.of(
                        new SandboxServer.ApiApp("sandbox-oauth-key", "sandbox-oauth-secret", "DV99999", redirect)))
                .start();
        var options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments(
                        "--headless=new",
                        "--no-sandbox",
                        "--disable-gpu",
                        "--disable-dev-shm-usage",
                        "--disable-quic",
                        "--no-first-run",
                        "--disable-background-networking",
                        "--disable-component-update",
                        "--disable-sync",
                        "--user-data-dir=" + Files.createDirectory(tmp.resolve("chromium")));
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER.toString()))
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Runs {@code login --oauth} in the jar, lets the browser answer {@code button}, returns the run. */
    private Cli.Run loginClicking(String button) throws Exception {
        var command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                Cli.JAR.toString(),
                "--base-url",
                sandbox.url(),
                "--state-dir",
                tmp.resolve("state").toString(),
                "--timeout",
                "60",
                "--json",
                "login",
                "--oauth",
                "--no-browser",
                "--redirect-url",
                redirect));
        var builder = new ProcessBuilder(command);
        builder.environment().put("SAMCO_API_KEY", "sandbox-oauth-key");
        var process = builder.start();
        var out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
        var stderr = new StringBuilder();
        String authorize = null;
        try (var lines = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                stderr.append(line).append('\n');
                if (line.startsWith("http") && line.contains("/app/oauth/authorize?")) {
                    authorize = line.strip();
                    break;
                }
            }
            assertThat(authorize)
                    .as("the address printed on stderr: %s", stderr)
                    .isNotNull();
            browser.get(authorize);
            assertThat(browser.getTitle()).contains("Authorize app");
            assertThat(browser.findElement(By.tagName("body")).getText()).contains("DV99999");
            browser.findElement(By.id(button)).click();
            awaitPage("You may close this window", Duration.ofSeconds(20));
            System.out.println("OAuthBrowserIT: after " + button + ", the browser showed: "
                    + browser.findElement(By.id("samco")).getText());
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            for (String line; (line = lines.readLine()) != null; ) {
                stderr.append(line).append('\n');
            }
        } finally {
            process.destroyForcibly();
        }
        return new Cli.Run(process.exitValue(), out.join(), stderr.toString());
    }

    /** Waits until the browser's page (after the redirect to the CLI's listener) shows {@code text}. */
    private void awaitPage(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!browser.getPageSource().contains(text)) {
            assertThat(System.nanoTime()).as("the page never showed: %s", text).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static String read(java.io.InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            return "";
        }
    }

    @Test
    void givenAPersonWhoClicksAllow_whenLoggingInWithOAuth_thenTheCliStoresAnOAuthSession() throws Exception {
        var run = loginClicking("allow");
        assertThat(run.exit()).as(run.toString()).isZero();
        var session = JSON.readTree(run.stdout());
        assertThat(session.path("method").asText()).isEqualTo("oauth");
        assertThat(session.path("account").asText()).isEqualTo("DV99999");
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
    }

    @Test
    void givenAPersonWhoClicksDeny_whenLoggingInWithOAuth_thenTheCliExits3() throws Exception {
        var run = loginClicking("deny");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(JSON.readTree(run.stdout()).path("error").path("errorCode").asText())
                .isEqualTo("access_denied");
        assertThat(sandbox.loginCount("DV99999")).isZero();
    }

    @Test
    void givenALocalhostRedirect_whenChromiumComesBack_thenSamcoHoldsBothLoopbacksAndTheLoginSucceeds()
            throws Exception {
        var port = java.net.URI.create(redirect).getPort();
        sandbox.close();
        redirect = "http://localhost:" + port + "/callback";
        sandbox = SandboxServer.builder()
                .apps(List.of(
                        new SandboxServer.ApiApp("sandbox-oauth-key", "sandbox-oauth-secret", "DV99999", redirect)))
                .start();
        var run = loginClicking("allow");
        assertThat(run.exit()).as(run.toString()).isZero();
        assertThat(JSON.readTree(run.stdout()).path("method").asText()).isEqualTo("oauth");
        assertThat(sandbox.loginCount("DV99999")).isEqualTo(1);
    }
}
