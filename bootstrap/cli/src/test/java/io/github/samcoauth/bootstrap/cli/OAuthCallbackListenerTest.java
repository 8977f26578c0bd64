package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.samcoauth.domain.OAuthState;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The OAuth callback listener on its own, with a real HTTP client as the browser. */
class OAuthCallbackListenerTest {

    @Test
    void givenTheLoginClosesTheListenerAsSoonAsTheCallbackCame_whenTheBrowserReturns_thenItGetsTheWholePage()
            throws Exception {
        var browser =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int attempt = 0; attempt < 40; attempt++) {
            int port;
            try (var socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            var redirect = "http://127.0.0.1:" + port + "/callback";
            var state = OAuthState.fresh(new SecureRandom());
            var listener = OAuthCallbackListener.listen(redirect, state).get();
            var login = CompletableFuture.runAsync(() -> {
                listener.await(Duration.ofSeconds(10));
                listener.close();
            });
            var page = browser.send(
                    HttpRequest.newBuilder(URI.create(redirect + "?code=c0de&state=" + state.value()))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("You may close this window");
            login.get();
        }
    }
}
