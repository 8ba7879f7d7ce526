package dev.braid.cli;

import dev.braid.features.VersionDiff;
import dev.braid.features.feast.ViewField;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid features diff NAME V1 V2 [--json]}. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = {"What changed in a feature view from version V1 to V2: fields added (+), removed (-) and",
                "retyped (~), and changes of entities, source, TTL, transformation, tags. --json prints one document."})
final class FeaturesDiffCommand implements Callable<Integer> {
    @ParentCommand
    private FeaturesCommand features;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME", description = "A feature view's name, or PROJECT/NAME.")
    private String name;

    @Parameters(index = "1", paramLabel = "V1", description = "The earlier version: v1 (or 1), or a hash label.")
    private String from;

    @Parameters(index = "2", paramLabel = "V2", description = "The later version.")
    private String to;

    @Option(names = "--json", description = "Print one JSON document.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        return FeatureViewOutput.show(features, spec, json, context -> context.features().diff(name, from, to),
                FeaturesDiffCommand::jsonOf, (out, diff, env) -> print(out, diff));
    }

    private static void print(PrintWriter out, VersionDiff diff) {
        out.println(diff.project() + "/" + diff.view() + ": " + diff.from() + " → " + diff.to());
        if (diff.isEmpty()) {
            out.println("  no differences");
        }
        for (ViewField f : diff.added()) {
            out.println("+ " + f.name() + ": " + f.type());
        }
        for (ViewField f : diff.removed()) {
            out.println("- " + f.name() + ": " + f.type());
        }
        for (VersionDiff.Retyped r : diff.retyped()) {
            out.println("~ " + r.field() + ": " + r.before() + " → " + r.after());
        }
        for (VersionDiff.Change c : diff.changes()) {
            out.println("  " + c.what() + ": " + (c.before().isEmpty() ? "(none)" : c.before()) + " → "
                    + (c.after().isEmpty() ? "(none)" : c.after()));
        }
    }

    static Map<String, Object> jsonOf(VersionDiff diff) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", diff.project());
        out.put("name", diff.view());
        out.put("from", diff.from());
        out.put("to", diff.to());
        out.put("added", FeatureViewOutput.fields(diff.added()));
        out.put("removed", FeatureViewOutput.fields(diff.removed()));
        out.put("retyped", diff.retyped().stream().map(r -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.field());
            m.put("before", r.before());
            m.put("after", r.after());
            return m;
        }).toList());
        out.put("changes", diff.changes().stream().map(c -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("what", c.what());
            m.put("before", c.before());
            m.put("after", c.after());
            return m;
        }).toList());
        return out;
    }
}
