package dev.braid.cli;

import dev.braid.app.BraidVersion;
import picocli.CommandLine.IVersionProvider;

/** Answers {@code braid --version} with {@code braid <version>}. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"braid " + BraidVersion.current()};
    }
}
