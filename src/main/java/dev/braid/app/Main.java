package dev.braid.app;

import dev.braid.cli.Cli;
import dev.braid.cli.CliEnvironment;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;

/**
 * Braid's entry point. With no command (optionally just {@code --data-dir DIR}) or with
 * {@code gui} it opens the window; anything else is the {@code braid} command line. It is a plain
 * class rather than a JavaFX {@code Application} so that the jar runs from the class path and the
 * command line never starts the JavaFX toolkit.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        FatalErrors.install();
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CliEnvironment environment = new CliEnvironment(out, err, System.getenv(), Clock.systemDefaultZone(),
                GuiLauncher::launch);
        int exitCode;
        try {
            exitCode = new Cli(environment).run(args);
        } catch (OutOfMemoryError e) {
            // The command's own thread ran out: the same end as any other thread's (FatalErrors).
            FatalErrors.halt();
            return;
        }
        out.flush();
        err.flush();
        System.exit(exitCode);
    }
}
