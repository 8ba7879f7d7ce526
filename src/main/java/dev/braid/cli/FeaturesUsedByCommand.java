package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.features.FeatureException;
import dev.braid.features.FeatureUse;
import dev.braid.features.ModelVersionRef;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid features used-by NAME[@VERSION] [--json]}. */
@Command(name = "used-by", mixinStandardHelpOptions = true,
        description = {"The runs and model versions that used a feature view (or one version of it), newest first,",
                "with stale true when the version they used is no longer the view's current one.",
                "With --json, one object per line: kind (run, model_version or job_run), the view, project,",
                "version, current_version, stale, and the run's or model version's identity."})
final class FeaturesUsedByCommand implements Callable<Integer> {
    @ParentCommand
    private FeaturesCommand features;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME[@VERSION]", description = "A feature view (or PROJECT/NAME), optionally @v2 for one version.")
    private String target;

    @Option(names = "--json", description = "Print JSON Lines instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = features.root().environment();
        int at = target.lastIndexOf('@');
        String name = at > 0 ? target.substring(0, at) : target;
        String version = at > 0 ? target.substring(at + 1) : null;
        try (AppContext context = features.root().openContext()) {
            List<FeatureUse> uses;
            try {
                uses = context.featureUsage().usedBy(name, version);
            } catch (FeatureException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            List<Map<String, Object>> rows = rows(uses);
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                rows.forEach(out::line);
            } else {
                TextTable table = new TextTable("KIND", "WHAT", "USED", "CURRENT", "STALE", "HOW");
                for (Map<String, Object> row : rows) {
                    table.row(row.get("kind"), label(row), row.get("version"), row.get("current_version"),
                            Boolean.TRUE.equals(row.get("stale")) ? "STALE" : "", row.getOrDefault("via", ""));
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    private static String label(Map<String, Object> row) {
        return switch ((String) row.get("kind")) {
            case "run" -> row.get("source") + " " + row.get("run_name") + " (" + row.get("run_id") + ")";
            case "model_version" -> row.get("source") + " " + row.get("model") + "/" + row.get("model_version")
                    + (((List<?>) row.get("aliases")).isEmpty() ? "" : " @" + String.join(",", castList(row.get("aliases"))));
            default -> String.valueOf(row.get("node"));
        };
    }

    @SuppressWarnings("unchecked")
    private static List<String> castList(Object value) {
        return (List<String>) value;
    }

    /** Each run, then each model version made from the runs, once per version of the view it used. */
    static List<Map<String, Object>> rows(List<FeatureUse> uses) {
        List<Map<String, Object>> runs = new ArrayList<>();
        List<Map<String, Object>> models = new ArrayList<>();
        Set<String> seenModels = new LinkedHashSet<>();
        for (FeatureUse u : uses) {
            Map<String, Object> row = common(u, u.isMlflowRun() ? "run" : "job_run");
            if (u.isMlflowRun()) {
                row.put("source", u.mlflowSource());
                row.put("run_id", u.runId());
                row.put("run_name", u.runName());
                row.put("experiment", u.experiment());
            } else {
                row.put("node", u.jobRun());
            }
            row.put("pinned", u.pinned());
            row.put("used_at", Times.iso(u.usedAt()));
            row.put("via", u.via());
            row.put("evidence", u.evidence());
            runs.add(row);
            for (ModelVersionRef m : u.modelVersions()) {
                if (!seenModels.add(m.source() + "\n" + m.model() + "\n" + m.version() + "\n" + u.version())) {
                    continue;
                }
                Map<String, Object> model = common(u, "model_version");
                model.put("source", m.source());
                model.put("model", m.model());
                model.put("model_version", m.version());
                model.put("aliases", m.aliases());
                model.put("run_id", u.runId());
                models.add(model);
            }
        }
        runs.addAll(models);
        return runs;
    }

    private static Map<String, Object> common(FeatureUse u, String kind) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("kind", kind);
        row.put("project", u.project());
        row.put("view", u.view());
        row.put("version", u.version());
        row.put("current_version", u.currentVersion());
        row.put("stale", u.stale());
        return row;
    }
}
