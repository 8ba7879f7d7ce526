package dev.braid.cli;

import dev.braid.app.DataDirectories;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in this JVM on a given data folder, capturing its output and window requests. */
final class CliRun {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();
    final List<DataDirectories> windowsOpened = new ArrayList<>();
    final List<Boolean> explicitDataDirs = new ArrayList<>();
    private final Map<String, String> env;

    CliRun(Path home) {
        this(home, Map.of("DISPLAY", ":0"));
    }

    CliRun(Path home, Map<String, String> extraEnv) {
        Map<String, String> all = new java.util.HashMap<>(Map.of("HOME", home.toString(),
                "XDG_DATA_HOME", home.resolve("data").toString(), "XDG_CONFIG_HOME", home.resolve("config").toString()));
        all.putAll(extraEnv);
        this.env = Map.copyOf(all);
    }

    int run(String... args) {
        CliEnvironment environment = new CliEnvironment(new PrintWriter(out, true), new PrintWriter(err, true), env,
                Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC), (dirs, explicit) -> {
                    windowsOpened.add(dirs);
                    explicitDataDirs.add(explicit);
                });
        return new Cli(environment).run(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }
}
