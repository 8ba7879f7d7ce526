package dev.braid.cli;

import dev.braid.features.FeatureViewDetail;
import dev.braid.features.FeatureViewListing;
import dev.braid.features.FeatureViewVersion;
import dev.braid.features.ServingService;
import dev.braid.features.VersionCommit;
import dev.braid.features.feast.ViewDefinition;
import dev.braid.features.feast.ViewField;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid features show NAME [--versions] [--json]}. */
@Command(name = "show", mixinStandardHelpOptions = true,
        description = {"Shows a feature view: its fields, entities, source, the sources that list it and the",
                "feature services that serve it; with --versions, every version with when, which source first",
                "saw it and the commits that introduced it. --json prints one document."})
final class FeaturesShowCommand implements Callable<Integer> {
    @ParentCommand
    private FeaturesCommand features;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "A feature view's name, or PROJECT/NAME where several projects have one.")
    private String name;

    @Option(names = "--versions", description = "Also list every version.")
    private boolean versions;

    @Option(names = "--json", description = "Print one JSON document.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        return FeatureViewOutput.show(features, spec, json, context -> context.features().view(name),
                view -> jsonOf(view, versions), (out, view, env) -> print(out, view, env.clock().getZone()));
    }

    private void print(PrintWriter out, FeatureViewDetail view, ZoneId zone) {
        ViewDefinition d = view.definition();
        out.println(view.qualifiedName() + "  (" + d.kind().label() + " feature view, " + view.currentVersion() + ")");
        line(out, "Entities", String.join(", ", d.entities()));
        line(out, "Source", d.batchSource() == null ? String.join(", ", d.sourceViews())
                : d.batchSource().name() + " " + d.batchSource().location());
        line(out, "TTL", d.ttlSeconds() == null ? "" : d.ttlSeconds() + "s");
        line(out, "Owner", d.owner());
        line(out, "Description", d.description());
        line(out, "Tags", d.tags().isEmpty() ? "" : d.tags().toString());
        out.println("Fields:");
        for (ViewField f : d.fields()) {
            out.println("  " + f.name() + "  " + f.type() + (f.description().isEmpty() ? "" : "  " + f.description()));
        }
        out.println("Listed by:");
        for (FeatureViewListing l : view.listings()) {
            out.println("  " + l.source() + "  " + l.version() + (l.removed() ? "  (removed)" : ""));
        }
        if (!view.servedBy().isEmpty()) {
            out.println("Served by:");
            for (ServingService s : view.servedBy()) {
                out.println("  " + s.name() + (s.pinnedVersion() == null ? "" : "  pinned to v" + s.pinnedVersion()));
            }
        }
        if (versions) {
            out.println("Versions:");
            TextTable table = new TextTable("VERSION", "CREATED", "FIRST SEEN BY", "FIELDS", "COMMIT", "CURRENT");
            for (FeatureViewVersion v : view.versions()) {
                VersionCommit commit = v.commits().stream().filter(c -> c.role().equals("introduced")).findFirst().orElse(null);
                table.row(v.version(), Times.readable(v.createdAt(), zone), v.firstSeenBy(), v.definition().fields().size(),
                        commit == null ? "" : commit.sha().substring(0, 8) + " " + commit.subject(), v.current() ? "*" : "");
            }
            table.print(out);
        }
    }

    private static void line(PrintWriter out, String label, String value) {
        if (value != null && !value.isBlank()) {
            out.println(label + ": " + value);
        }
    }

    static Map<String, Object> jsonOf(FeatureViewDetail view, boolean withVersions) {
        ViewDefinition d = view.definition();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("project", view.project());
        out.put("name", view.name());
        out.put("kind", d.kind().label());
        out.put("version", view.currentVersion());
        out.put("entities", d.entities());
        out.put("fields", FeatureViewOutput.fields(d.fields()));
        out.put("source_name", d.batchSource() == null ? String.join(",", d.sourceViewNames()) : d.batchSource().name());
        out.put("source_location", d.batchSource() == null ? null : d.batchSource().location());
        out.put("ttl_seconds", d.ttlSeconds());
        out.put("owner", d.owner());
        out.put("description", d.description());
        out.put("tags", d.tags());
        out.put("sources", view.listings().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", l.source());
            m.put("version", l.version());
            m.put("removed", l.removed());
            m.put("updated_at", Times.iso(l.updatedAt()));
            return m;
        }).toList());
        out.put("served_by", view.servedBy().stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature_service", s.name());
            m.put("pinned_version", s.pinnedVersion() == null ? null : "v" + s.pinnedVersion());
            m.put("features", s.features());
            return m;
        }).distinct().toList());
        if (withVersions) {
            out.put("versions", view.versions().stream().map(FeaturesShowCommand::jsonOf).toList());
        }
        return out;
    }

    private static Map<String, Object> jsonOf(FeatureViewVersion v) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", v.version());
        m.put("feast_version", v.number());
        m.put("current", v.current());
        m.put("created_at", Times.iso(v.createdAt()));
        m.put("first_seen_at", Times.iso(v.firstSeenAt()));
        m.put("first_seen_by", v.firstSeenBy());
        m.put("definition_hash", v.definitionHash());
        m.put("fields", FeatureViewOutput.fields(v.definition().fields()));
        m.put("commits", v.commits().stream().map(c -> {
            Map<String, Object> commit = new LinkedHashMap<>();
            commit.put("repository", c.repository());
            commit.put("sha", c.sha());
            commit.put("role", c.role());
            commit.put("author", c.author());
            commit.put("committed_at", Times.iso(c.committedAt()));
            commit.put("subject", c.subject());
            commit.put("path", c.path());
            return commit;
        }).toList());
        return m;
    }
}
