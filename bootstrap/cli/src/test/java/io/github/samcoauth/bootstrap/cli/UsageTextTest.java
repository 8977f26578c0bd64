package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code samco --help} prints a pre-rendered text so that it starts fast; it must stay exactly what
 * picocli renders from the annotations. Run with {@code -Dsamco.writeUsage=<path>} to regenerate.
 */
class UsageTextTest {

    private static String rendered() {
        var root = new SamcoCli(
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()),
                false,
                new Interruption());
        return SamcoCli.commandLine(root, new String[] {"--help"}).getUsageMessage();
    }

    @Test
    void givenAnnotations_whenUsageRendered_thenEqualsThePreRenderedText() throws Exception {
        var rendered = rendered();
        var target = System.getProperty("samco.writeUsage");
        if (target != null) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(target), rendered);
        }
        assertThat(SamcoCli.usage()).isEqualTo(rendered);
        assertThat(rendered).contains("otp", "login", "session", "token", "logout", "sandbox", "demo", "Exit codes");
    }

    @Test
    void givenArguments_whenCommandNameFound_thenOptionValuesSkipped() {
        assertThat(SamcoCli.commandName(new String[] {"--state-dir", "session", "token"}))
                .hasValue("token");
        assertThat(SamcoCli.commandName(new String[] {"--json", "session", "--account", "X"}))
                .hasValue("session");
        assertThat(SamcoCli.commandName(new String[] {"--help"})).isEmpty();
        assertThat(SamcoCli.commandName(new String[] {"nonsense"})).isEmpty();
    }

    @Test
    void givenHelpSubcommand_whenRun_thenCommandHelpPrinted() {
        var out = new StringWriter();
        int code = SamcoCli.run(
                new String[] {"help", "login"},
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintWriter(out),
                new PrintWriter(new StringWriter()),
                false);
        assertThat(code).isZero();
        assertThat(out.toString()).contains("--otp=CODE");
    }
}
