package dev.braid.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code braid gui}: opens the window, as {@code braid} alone does. */
@Command(name = "gui", mixinStandardHelpOptions = true, description = "Opens the Braid window.")
final class GuiCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Override
    public Integer call() {
        root.openWindow();
        return ExitCodes.OK;
    }
}
