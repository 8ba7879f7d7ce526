package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.artifacts.ArtifactoryBuild;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid artifactory builds NAME [--json]}. */
@Command(name = "builds", mixinStandardHelpOptions = true,
        description = {"Lists the builds an Artifactory source's syncs cached, newest first.",
                "With --json, one object per line: name, number, started, vcs_revision, vcs_url, ci_url, and items",
                "(module, role artifact or dependency, name, type, sha256, sha1, md5)."})
final class ArtifactoryBuildsCommand implements Callable<Integer> {
    @ParentCommand
    private ArtifactoryCommand artifactory;

    @Mixin
    private ArtifactorySourceName source;

    @Option(names = "--json", description = "Print JSON Lines instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = artifactory.root().environment();
        try (AppContext context = artifactory.root().openContext()) {
            List<ArtifactoryBuild> builds = context.artifactory().builds(source.in(context));
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                builds.forEach(b -> out.line(jsonOf(b)));
            } else {
                TextTable table = new TextTable("BUILD", "NUMBER", "STARTED", "COMMIT", "ARTIFACTS", "DEPENDENCIES");
                for (ArtifactoryBuild b : builds) {
                    table.row(b.name(), b.number(), b.started() == null ? "" : b.started(),
                            b.vcsRevision() == null ? "" : b.vcsRevision().substring(0, Math.min(12, b.vcsRevision().length())),
                            b.items().stream().filter(i -> i.role().equals(ArtifactoryBuild.Item.ARTIFACT)).count(),
                            b.items().stream().filter(i -> i.role().equals(ArtifactoryBuild.Item.DEPENDENCY)).count());
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> jsonOf(ArtifactoryBuild b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("name", b.name());
        out.put("number", b.number());
        out.put("started", b.started());
        out.put("vcs_revision", b.vcsRevision());
        out.put("vcs_url", b.vcsUrl());
        out.put("ci_url", b.ciUrl());
        out.put("items", b.items().stream().map(i -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("module", i.module());
            item.put("role", i.role());
            item.put("name", i.name());
            item.put("type", i.type());
            item.put("sha256", i.sha256());
            item.put("sha1", i.sha1());
            item.put("md5", i.md5());
            return item;
        }).toList());
        return out;
    }
}
