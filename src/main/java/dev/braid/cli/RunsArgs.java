package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.Experiment;
import dev.braid.sync.Source;
import dev.braid.sync.Suggestions;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The runs commands' {@code --source} and {@code --experiment}: unknown names are bad usage, with the closest suggested. */
final class RunsArgs {
    private RunsArgs() {
    }

    static void checkScope(CommandSpec spec, AppContext context, String source, List<String> experiments) {
        if (source != null) {
            List<String> sources = context.experiments().sources().stream().map(Source::name).toList();
            if (!sources.contains(source)) {
                throw new ParameterException(spec.commandLine(), "unknown MLflow source: " + source
                        + Suggestions.hint(source, sources));
            }
        }
        if (experiments == null || experiments.isEmpty()) {
            return;
        }
        List<String> known = (source == null ? context.experiments().experiments() : context.experiments().experiments().stream()
                .filter(e -> context.experiments().sources().stream().anyMatch(s -> s.id() == e.sourceId() && s.name().equals(source)))
                .toList()).stream().map(Experiment::name).distinct().toList();
        for (String name : experiments) {
            if (!known.contains(name)) {
                throw new ParameterException(spec.commandLine(), "unknown experiment: " + name
                        + (known.isEmpty() ? " (no experiments are cached yet; sync an MLflow source first)" : Suggestions.hint(name, known)));
            }
        }
    }
}
