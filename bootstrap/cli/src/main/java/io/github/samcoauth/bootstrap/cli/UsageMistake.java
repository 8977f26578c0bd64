package io.github.samcoauth.bootstrap.cli;

import java.util.List;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * A command line samco could not parse, said so that a person can fix it: which word is unknown,
 * the nearest command or option, where the help is. A word that is neither an option nor close to
 * a command is not repeated: it may be a code or a token typed in the wrong place.
 */
record UsageMistake(String message, String hint) {

    static UsageMistake describe(CommandLine.ParameterException ex) {
        var line = ex.getCommandLine();
        var command = line.getCommandSpec().qualifiedName(" ");
        var help = "see `" + command + " --help`";
        var unknown = ex instanceof CommandLine.UnmatchedArgumentException u ? u : null;
        var unmatched = unknown != null ? unknown.getUnmatched() : line.getUnmatchedArguments();
        if (!unmatched.isEmpty()) {
            var word = unmatched.get(0);
            List<String> suggestions = unknown != null ? unknown.getSuggestions() : List.of();
            var nearest = suggestions.isEmpty() ? "" : "; did you mean " + String.join(" or ", suggestions) + "?";
            if (word.startsWith("-")) {
                var name = word.contains("=") ? word.substring(0, word.indexOf('=')) : word;
                return new UsageMistake(command + ": unknown option " + name + nearest, help);
            }
            if (!suggestions.isEmpty()) {
                return new UsageMistake(command + ": unknown command " + word + nearest, help);
            }
            return new UsageMistake(
                    command + ": an unexpected argument (not shown here: it may be a secret)",
                    "options take their value as --name VALUE; " + help);
        }
        if (ex instanceof CommandLine.MissingParameterException missing) {
            var names = missing.getMissing().stream().map(UsageMistake::name).collect(Collectors.joining(", "));
            return new UsageMistake(command + ": missing " + names, help);
        }
        if (ex.getArgSpec() instanceof OptionSpec option) {
            return new UsageMistake(
                    command + ": invalid value for " + option.longestName() + " (expected " + option.paramLabel() + ")",
                    help);
        }
        return new UsageMistake(command + ": this command line cannot be used", help);
    }

    private static String name(ArgSpec arg) {
        return arg instanceof OptionSpec option ? option.longestName() + " " + option.paramLabel() : arg.paramLabel();
    }
}
