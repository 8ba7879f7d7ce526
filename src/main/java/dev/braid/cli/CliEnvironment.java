package dev.braid.cli;

import java.io.PrintWriter;
import java.time.Clock;
import java.util.Map;

/** What a command may touch outside itself: its output streams, the environment, the clock, the window. */
public record CliEnvironment(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock,
                             WindowOpener window) {
    public CliEnvironment {
        env = Map.copyOf(env);
    }
}
