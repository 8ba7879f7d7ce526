package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.artifacts.ArtifactoryFile;
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

/** {@code braid artifactory files NAME [--repo KEY] [--json]}. */
@Command(name = "files", mixinStandardHelpOptions = true,
        description = {"Lists the files an Artifactory source's last sync cached.",
                "With --json, one object per line: repo, path, size, modified, sha256, sha1, md5, properties, verdict (the",
                "scan rating of its sha256, null when not scanned)."})
final class ArtifactoryFilesCommand implements Callable<Integer> {
    @ParentCommand
    private ArtifactoryCommand artifactory;

    @Mixin
    private ArtifactorySourceName source;

    @Option(names = "--repo", paramLabel = "KEY", description = "Only this repository's files.")
    private String repo;

    @Option(names = "--json", description = "Print JSON Lines instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = artifactory.root().environment();
        try (AppContext context = artifactory.root().openContext()) {
            List<ArtifactoryFile> files = context.artifactory().files(source.in(context)).stream()
                    .filter(f -> repo == null || f.repo().equals(repo)).toList();
            if (json) {
                JsonOutput out = new JsonOutput(env.out());
                dev.braid.security.ArtifactoryScans scans = context.artifactoryScans();
                for (ArtifactoryFile f : files) {
                    Map<String, Object> line = jsonOf(f);
                    line.put("verdict", scans.verdict(f).map(s -> s.rating().word()).orElse(null));
                    out.line(line);
                }
            } else {
                TextTable table = new TextTable("REPO", "PATH", "SIZE", "SHA256", "PROPERTIES");
                for (ArtifactoryFile f : files) {
                    table.row(f.repo(), f.path(), f.size() == null ? "" : f.size(),
                            f.sha256() == null ? "" : f.sha256().substring(0, Math.min(12, f.sha256().length())),
                            String.join(" ", f.properties().entrySet().stream()
                                    .map(p -> p.getKey() + "=" + String.join(",", p.getValue())).toList()));
                }
                table.print(env.out());
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> jsonOf(ArtifactoryFile f) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("repo", f.repo());
        out.put("path", f.path());
        out.put("size", f.size());
        out.put("modified", f.modified());
        out.put("sha256", f.sha256());
        out.put("sha1", f.sha1());
        out.put("md5", f.md5());
        out.put("properties", new java.util.TreeMap<>(f.properties()));
        return out;
    }
}
