package dev.braid.app;

import dev.braid.cli.Cli;
import dev.braid.cli.CliEnvironment;
import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
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
        boolean terminal = System.console() != null;
        PrintWriter out = standardOutput(terminal);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CliEnvironment environment = new CliEnvironment(out, err, System.getenv(), Clock.systemDefaultZone(),
                GuiLauncher::launch, terminal);
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

    /**
     * Standard output as C's stdio sets it up: line by line to a terminal, in large blocks to a
     * pipe or a file. {@code System.out} flushes after every line, which made a listing of 100,000
     * commits cost as many writes; whoever waits on the output after printing (a server saying
     * where it listens) flushes, and the command line flushes when a command ends.
     */
    static PrintWriter standardOutput(boolean terminal) {
        Writer writer = new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8);
        return terminal ? new PrintWriter(writer, true) : new PrintWriter(new BufferedWriter(writer, 1 << 16), false);
    }
}
