package dev.braid.cli;

import dev.braid.sync.Source;
import picocli.CommandLine.Command;

/** {@code braid source resume NAME}. */
@Command(name = "resume", mixinStandardHelpOptions = true,
        description = "Resumes a paused source: the next 'braid sync' and the window's syncs include it again.")
final class SourceResumeCommand extends SourcePausingCommand {
    @Override
    boolean pausing() {
        return false;
    }

    @Override
    String outcome(Source before) {
        return before.paused() ? "Resumed " + before.name() + "." : before.name() + " was not paused.";
    }
}
