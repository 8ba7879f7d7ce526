package dev.braid.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/**
 * What a command may touch outside itself: its output streams, the environment, the clock, the
 * window. {@code out} and {@code err} escape control characters ({@link TerminalText}), so text
 * from data cannot act on the terminal; {@code data} is the same stdout unescaped, for JSON, whose
 * encoder escapes them itself and whose values must stay exact.
 */
public record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                             WindowOpener window, PrintWriter data) {
    public CliEnvironment {
        env = Map.copyOf(env);
    }

    /** Escaping {@code out} and {@code err} for text, and keeping the raw {@code out} for JSON. */
    public CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock, WindowOpener window) {
        this(TerminalText.writer(out, true), TerminalText.writer(err, true), env, clock, window, out);
    }
}
