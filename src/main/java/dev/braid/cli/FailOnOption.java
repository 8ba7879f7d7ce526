package dev.braid.cli;

import dev.braid.security.scan.Rating;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --fail-on RATING} of the commands that scan files a source holds ({@code repo scan}, {@code artifactory scan}). */
final class FailOnOption {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--fail-on", paramLabel = "RATING", description = "Exit with 1 when a file is rated this or worse:"
            + " unknown, suspicious or dangerous.")
    private String failOn;

    /** The rating named, or null when none was; a usage error for a word that is none. Check it before any work. */
    Rating threshold() {
        return ScanOutput.threshold(failOn, command);
    }

    /** The exit code for a scan whose worst rating is {@code worst}. */
    int exitCode(Rating worst) {
        return ScanOutput.exitCode(threshold(), worst);
    }
}
