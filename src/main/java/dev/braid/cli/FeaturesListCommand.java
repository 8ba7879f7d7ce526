package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.features.FeatureViewListing;
import dev.braid.features.ViewFilter;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid features list [--source NAME] [--project P] [--json]}. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists cached feature views, one per source that lists them.",
                "With --json, one object per line: source, project, name, version, entities, fields (name and type),",
                "source_name, updated_at."})
final class FeaturesListCommand implements Callable<Integer> {
    @ParentCommand
    private FeaturesCommand features;

    @Spec
    private CommandSpec spec;

    @Option(names = "--source", paramLabel = "NAME", description = "Only the views of this Feast source.")
    private String source;

    @Option(names = "--project", paramLabel = "P", description = "Only the views of this Feast project.")
    private String project;

    @Option(names = "--json", description = "Print JSON Lines instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = features.root().environment();
        try (AppContext context = features.root().openContext()) {
            if (source != null && context.features().sources().stream().noneMatch(s -> s.name().equals(source))) {
                throw new ParameterException(spec.commandLine(), "unknown Feast source: " + source);
            }
            List<FeatureViewListing> found = context.features().listings(new ViewFilter(source, project, null, false));
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                found.forEach(l -> out.line(jsonOf(l)));
            } else {
                TextTable table = new TextTable("SOURCE", "PROJECT", "NAME", "VERSION", "ENTITIES", "FIELDS", "UPDATED");
                for (FeatureViewListing l : found) {
                    table.row(l.source(), l.project(), l.name(), l.version(), String.join(",", l.entities()), l.fields().size(),
                            Times.readable(l.updatedAt(), env.clock().getZone()));
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> jsonOf(FeatureViewListing l) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", l.source());
        out.put("project", l.project());
        out.put("name", l.name());
        out.put("version", l.version());
        out.put("entities", l.entities());
        out.put("fields", FeatureViewOutput.fields(l.fields()));
        out.put("source_name", l.sourceName());
        out.put("updated_at", Times.iso(l.updatedAt()));
        return out;
    }
}
