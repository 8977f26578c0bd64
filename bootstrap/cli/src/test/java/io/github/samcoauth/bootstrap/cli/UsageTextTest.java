package io.github.samcoauth.bootstrap.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code samco --help} prints a pre-rendered text, a constant of {@link UsageText}, so that it starts
 * fast; it must stay exactly what picocli renders from the annotations. Run with {@code
 * -Dsamco.writeUsage=<path of UsageText.java>} to regenerate the class.
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
            java.nio.file.Files.writeString(java.nio.file.Path.of(target), javaSource(rendered));
        }
        assertThat(SamcoCli.usage()).isEqualTo(rendered);
        assertThat(rendered).contains("otp", "login", "session", "token", "logout", "sandbox", "demo", "Exit codes");
    }

    @Test
    void givenAnyText_whenWrittenAsJava_thenEveryCharacterEscaped() {
        assertThat(javaSource("a \"b\" \\ \u2026\n")).contains("\"a \\\"b\\\" \\\\ \\u2026\\n\"");
    }

    /** The source of {@code UsageText}: one string literal per line, everything outside ASCII escaped. */
    static String javaSource(String text) {
        var java = new StringBuilder();
        java.append("package io.github.samcoauth.bootstrap.cli;\n\n")
                .append("/**\n")
                .append(
                        " * What {@code samco --help} prints, rendered ahead by picocli: a constant, so that printing it\n")
                .append(
                        " * reads no resource. Written by {@code UsageTextTest} (-Dsamco.writeUsage=<this file>), which\n")
                .append(" * also keeps it equal to what the annotations render.\n")
                .append(" */\n")
                .append("final class UsageText {\n\n")
                .append("    private UsageText() {}\n\n")
                .append("    static final String TEXT = \"\"");
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            end = end < 0 ? text.length() : end + 1;
            java.append("\n            + \"");
            text.substring(from, end).chars().forEach(c -> java.append(escaped((char) c)));
            java.append('"');
            from = end;
        }
        return java.append(";\n}\n").toString();
    }

    private static String escaped(char c) {
        return switch (c) {
            case '\\' -> "\\\\";
            case '"' -> "\\\"";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            default -> c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
        };
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
