package dev.braid.cli;

import dev.braid.sync.Source;
import picocli.CommandLine.Command;

/** {@code braid source pause NAME}. */
@Command(name = "pause", mixinStandardHelpOptions = true,
        description = {"Pauses a source: its cached data stays, but 'braid sync' without names, the window's",
                "Sync now and the periodic sync leave it out until it is resumed. 'braid sync NAME' still syncs it."})
final class SourcePauseCommand extends SourcePausingCommand {
    @Override
    boolean pausing() {
        return true;
    }

    @Override
    String outcome(Source before) {
        return before.paused() ? before.name() + " was already paused."
                : "Paused " + before.name() + "; resume it with: braid source resume " + before.name();
    }
}
