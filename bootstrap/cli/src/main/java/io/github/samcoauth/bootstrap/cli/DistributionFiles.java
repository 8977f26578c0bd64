package io.github.samcoauth.bootstrap.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The files of the CLI's distribution made from its command model, so that they cannot drift from
 * it: the manual page {@code man/man1/samco.1} and the completion script for bash and zsh. The build
 * runs it before it packs the archives: {@code DistributionFiles DIR VERSION DATE}.
 */
public final class DistributionFiles {

    private DistributionFiles() {}

    /**
     * Writes {@code man/man1/samco.1}, {@code completion/samco.bash} and {@code completion/samco.zsh}
     * under {@code args[0]}; {@code args[1]} is the version and {@code args[2]} the date (YYYY-MM-DD, or
     * an ISO instant whose date is taken) the manual page names.
     *
     * @param args the directory, the version and the date
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: DistributionFiles DIR VERSION DATE");
        }
        var directory = Path.of(args[0]);
        var line = commandLine();
        write(directory.resolve("man/man1/samco.1"), manPage(line, args[1], args[2]));
        var completion = completion(line);
        write(directory.resolve("completion/samco.bash"), completion);
        write(directory.resolve("completion/samco.zsh"), completion);
    }

    /** The whole command line, every command in it, bound to a root that runs nothing. */
    static CommandLine commandLine() {
        var quiet = new PrintWriter(Writer.nullWriter());
        var root = new SamcoCli(Map.of(), InputStream.nullInputStream(), quiet, quiet, false, new Interruption());
        return SamcoCli.commandLine(root, new String[0]);
    }

    /**
     * picocli's completion script: bash runs it as it is, zsh through its bash compatibility (the
     * script loads {@code bashcompinit} itself when it finds zsh).
     */
    static String completion(CommandLine line) {
        return AutoComplete.bash("samco", line);
    }

    /** The manual page, in the man(7) macros. */
    static String manPage(CommandLine line, String version, String date) {
        var spec = line.getCommandSpec();
        var page = new StringBuilder();
        page.append(".\\\" samco(1): made from the command model by DistributionFiles; edit CliModel, not this\n");
        page.append(".TH SAMCO 1 \"")
                .append(escape(date.length() >= 10 ? date.substring(0, 10) : date))
                .append("\" \"samco-auth ")
                .append(escape(version))
                .append("\" \"User Commands\"\n");
        page.append(".SH NAME\nsamco \\- ")
                .append(escape(lowerFirst(joined(spec.usageMessage().description()))));
        page.append("\n.SH SYNOPSIS\n.B samco\n[\\fIOPTIONS\\fR] \\fICOMMAND\\fR [\\fICOMMAND OPTIONS\\fR]\n");
        page.append(".SH DESCRIPTION\n")
                .append(escape(joined(spec.usageMessage().description())))
                .append("\nThe options below come before or after the command; each command's own follow it.\n");
        page.append(".SH OPTIONS\n");
        for (var option : spec.options()) {
            option(page, option);
        }
        page.append(".SH COMMANDS\n");
        for (var entry : spec.subcommands().entrySet()) {
            var command = entry.getValue().getCommandSpec();
            page.append(".SS \"samco ").append(escape(entry.getKey())).append("\"\n");
            page.append(escape(joined(command.usageMessage().description()))).append('\n');
            for (var positional : command.positionalParameters()) {
                positional(page, positional);
            }
            for (var option : command.options()) {
                if (!option.inherited() && !option.usageHelp() && !option.versionHelp()) {
                    option(page, option);
                }
            }
        }
        var environment = new ArrayList<String>();
        var exitCodes = new ArrayList<String>();
        var section = environment;
        for (var footer : spec.usageMessage().footer()) {
            if (footer.strip().equals("Exit codes:")) {
                section = exitCodes;
            } else if (!footer.isBlank()) {
                section.add(footer.startsWith("  ") ? footer.substring(2).stripTrailing() : footer.strip());
            }
        }
        preformatted(page, "ENVIRONMENT", environment);
        preformatted(page, "EXIT STATUS", exitCodes);
        page.append(".SH FILES\n.TP\n.I ~/.samco\n")
                .append(escape("the state directory (--state-dir, SAMCO_STATE_DIR): sessions and the audit"
                        + " journal, readable by their owner only"))
                .append('\n');
        page.append(".SH SEE ALSO\n")
                .append(escape("samco --help, samco COMMAND --help, and README.md in the distribution"))
                .append('\n');
        return page.toString();
    }

    private static void option(StringBuilder page, OptionSpec option) {
        if (option.hidden()) {
            return;
        }
        page.append(".TP\n");
        var names = option.names();
        for (int i = 0; i < names.length; i++) {
            page.append(i == 0 ? "\\fB" : ", \\fB").append(escape(names[i])).append("\\fR");
        }
        if (option.arity().max() > 0) {
            page.append(" \\fI").append(escape(option.paramLabel())).append("\\fR");
        }
        page.append('\n').append(escape(joined(option.description()))).append('\n');
    }

    private static void positional(StringBuilder page, PositionalParamSpec positional) {
        if (positional.hidden()) {
            return;
        }
        page.append(".TP\n\\fI")
                .append(escape(positional.paramLabel()))
                .append("\\fR\n")
                .append(escape(joined(positional.description())))
                .append('\n');
    }

    private static void preformatted(StringBuilder page, String title, List<String> lines) {
        if (lines.isEmpty()) {
            return;
        }
        page.append(".SH ").append(title).append("\n.nf\n");
        for (var text : lines) {
            page.append(escape(text)).append('\n');
        }
        page.append(".fi\n");
    }

    private static String joined(String[] lines) {
        return String.join(" ", lines).replace("%n", " ").replace("%%", "%").strip();
    }

    private static String lowerFirst(String text) {
        var trimmed = text.endsWith(".") ? text.substring(0, text.length() - 1) : text;
        return trimmed.isEmpty() ? trimmed : Character.toLowerCase(trimmed.charAt(0)) + trimmed.substring(1);
    }

    /**
     * {@code text} as roff prints it: a backslash and a minus as themselves, a leading dot or quote not
     * taken for a request, every character outside ASCII as groff's Unicode escape.
     */
    static String escape(String text) {
        var out = new StringBuilder(text.length() + 16);
        boolean lineStart = true;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            if (lineStart && (c == '.' || c == '\'')) {
                out.append("\\&");
            }
            lineStart = c == '\n';
            if (c == '\\') {
                out.append("\\e");
            } else if (c == '-') {
                out.append("\\-");
            } else if (c == '\n' || (c >= 0x20 && c < 0x7f)) {
                out.append((char) c);
            } else if (c == '\t') {
                out.append(' ');
            } else if (c > 0x7f) {
                out.append(String.format("\\[u%04X]", c));
            }
        }
        return out.toString();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }
}
