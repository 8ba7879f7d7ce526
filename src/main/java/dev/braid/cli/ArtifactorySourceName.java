package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.artifacts.ArtifactoryService;
import dev.braid.sync.Source;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code NAME} every {@code braid artifactory} command but {@code add} takes, and the one lookup of it. */
final class ArtifactorySourceName {
    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Parameters(paramLabel = "NAME", description = "The Artifactory source.")
    private String name;

    String name() {
        return name;
    }

    /** The Artifactory source named so; a usage error (exit 2) when there is none. */
    Source in(AppContext context) {
        return context.sources().findByName(name).filter(s -> s.kind().equals(ArtifactoryService.KIND))
                .orElseThrow(() -> new ParameterException(command.commandLine(), "unknown Artifactory source: " + name));
    }
}
