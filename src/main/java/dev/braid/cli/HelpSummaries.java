package dev.braid.cli;

import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Help.Column;
import picocli.CommandLine.Help.TextTable;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Each command's one-line summary in its parent's help, as a whole sentence: picocli shows only
 * the first line of a description there, which cut many mid-phrase ("with about 300 commits,
 * branches, tags,"). The summary is the description's first sentence, however many lines it
 * spans, wrapped to the help's width.
 */
final class HelpSummaries {
    private HelpSummaries() {
    }

    /** Installs the summaries on {@code command} and every command under it. */
    static void install(CommandLine command) {
        command.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpSummaries::commandList);
        for (CommandLine sub : command.getSubcommands().values()) {
            install(sub);
        }
    }

    private static String commandList(Help help) {
        Map<String, Help> subcommands = help.subcommands();
        if (subcommands.isEmpty()) {
            return "";
        }
        int nameWidth = subcommands.keySet().stream().mapToInt(String::length).max().orElse(0);
        int width = help.commandSpec().usageMessage().width();
        TextTable table = TextTable.forColumns(help.colorScheme(),
                new Column(nameWidth + 2, 2, Column.Overflow.SPAN),
                new Column(Math.max(20, width - nameWidth - 2), 2, Column.Overflow.WRAP));
        for (Map.Entry<String, Help> entry : subcommands.entrySet()) {
            UsageMessageSpec usage = entry.getValue().commandSpec().usageMessage();
            String[] text = usage.header().length > 0 ? usage.header() : usage.description();
            table.addRowValues(entry.getKey(), summary(text));
        }
        return table.toString();
    }

    /** The first sentence of {@code lines} (joined), or all of them when none ends one. */
    static String summary(String[] lines) {
        String text = String.join(" ", lines).replaceAll("\\s+", " ").strip();
        int end = -1;
        for (int i = 0; i < text.length() - 1; i++) {
            if ((text.charAt(i) == '.' || text.charAt(i) == ':') && text.charAt(i + 1) == ' ') {
                end = i;
                break;
            }
        }
        String sentence = end < 0 ? text : text.substring(0, end + 1);
        return sentence.endsWith(":") ? sentence.substring(0, sentence.length() - 1) + "." : sentence;
    }
}
