package dev.braid.cli;

import dev.braid.sync.Secrets;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside itself: its output streams, the environment, the clock, the
 * window, and the secrets it has read. {@code out} and {@code err} escape control characters
 * ({@link TerminalText}), so text from data cannot act on the terminal; {@code data} is the same
 * stdout unescaped, for JSON and CSV, whose values must stay exact. All three mask every secret
 * in {@code secrets} ({@link MaskingWriter}), also one a server reflected back.
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                             WindowOpener window, PrintWriter data, Secrets secrets) {
    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** Escaping and masking {@code out} and {@code err} for text, masking the raw {@code out} for data. */
    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, WindowOpener window) {
        this(out, err, env, clock, window, true);
    }

    /**
     * The same; with {@code flushEachLine} false, stdout's lines are flushed only when a command
     * flushes or ends (a pipe or a file takes large blocks: a listing of 100,000 commits is then
     * a few hundred writes, not 100,000). stderr is always flushed line by line.
     */
    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, WindowOpener window,
                          boolean flushEachLine) {
        this(out, err, env, clock, window, new Secrets(), flushEachLine);
    }

    private CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, WindowOpener window,
                           Secrets secrets, boolean flushEachLine) {
        this(TerminalText.writer(new MaskingWriter(out, secrets), flushEachLine),
                TerminalText.writer(new MaskingWriter(err, secrets), true),
                env, clock, window, new PrintWriter(new MaskingWriter(out, secrets), flushEachLine), secrets);
    }
}
