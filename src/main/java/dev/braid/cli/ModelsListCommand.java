package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.experiments.ModelVersion;
import dev.braid.experiments.RegisteredModel;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid models list [--json]}: registered models with their versions and aliases. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = {"Lists cached registered models with their versions and aliases.",
                "With --json, one object per model: name, description, tags, aliases, versions."})
final class ModelsListCommand implements Callable<Integer> {
    @ParentCommand
    private ModelsCommand models;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = models.root().environment();
        try (AppContext context = models.root().openReadContext()) {
            AnswerCheck.tables(models.root(), context, AnswerCheck.MODELS);
            List<RegisteredModel> found = context.experiments().models();
            if (json) {
                JsonOutput out = new JsonOutput(env.data());
                found.forEach(model -> out.line(jsonOf(model)));
            } else {
                TextTable table = new TextTable("MODEL", "VERSION", "STATUS", "ALIASES", "RUN");
                for (RegisteredModel model : found) {
                    for (ModelVersion v : model.versions()) {
                        table.row(model.name(), v.version(), v.status(), String.join(",", v.aliases()), v.runId());
                    }
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    private static Map<String, Object> jsonOf(RegisteredModel model) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", model.name());
        out.put("description", model.description());
        out.put("tags", model.tags());
        out.put("aliases", model.aliases());
        out.put("versions", model.versions().stream().map(v -> {
            Map<String, Object> version = new LinkedHashMap<>();
            version.put("version", v.version());
            version.put("status", v.status());
            version.put("current_stage", v.currentStage());
            version.put("run_id", v.runId());
            version.put("source", v.source());
            version.put("aliases", v.aliases());
            version.put("tags", v.tags());
            return version;
        }).toList());
        return out;
    }
}
