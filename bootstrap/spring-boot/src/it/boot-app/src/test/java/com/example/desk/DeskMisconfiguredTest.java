package com.example.desk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** A desk whose samco.auth.* is wrong does not start, and says which property and why; never a secret. */
class DeskMisconfiguredTest {

    private static void refused(String because, String... properties) {
        assertThatThrownBy(() -> new SpringApplicationBuilder(DeskApplication.class)
                        .web(WebApplicationType.NONE)
                        .run(java.util.Arrays.stream(properties).map(p -> "--" + p).toArray(String[]::new))
                        .close())
                .satisfies(failure -> {
                    var all = new StringBuilder();
                    for (Throwable t = failure; t != null; t = t.getCause()) {
                        all.append(t.getMessage()).append('\n');
                    }
                    assertThat(all.toString()).contains(because).doesNotContain("hunter2-secret");
                });
    }

    @Test
    void givenWrongSettings_whenTheDeskStarts_thenItFailsNamingTheProperty() {
        refused("samco.auth.store: expected file:DIR or a redis://", "samco.auth.store=ftp://samco.example");
        refused("samco-auth-adapter-persistence-redis", "samco.auth.store=redis://desk:hunter2-secret@127.0.0.1:1");
        refused("samco.auth.accounts", "samco.auth.accounts=not an account");
        refused("samco.auth: ", "samco.auth.base-url=http://tradeapi.example.com", "samco.auth.api-secret=hunter2-secret");
    }
}
