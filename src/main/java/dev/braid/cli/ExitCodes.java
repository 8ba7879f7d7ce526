package dev.braid.cli;

/** The exit codes of every {@code braid} command. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The command was understood but its work failed (a sync failed, a path is not a repository...). */
    public static final int FAILED = 1;
    /** The command line itself was wrong: unknown option or command, missing argument, unknown source. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
