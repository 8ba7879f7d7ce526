package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.repos.RepoSummary;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code braid repo list [--json]}: the repositories in the cache. */
@Command(name = "list", mixinStandardHelpOptions = true, description = "Lists the repositories Braid knows.")
final class RepoListCommand implements Callable<Integer> {
    @ParentCommand
    private RepoCommand repo;

    @Option(names = "--json", description = "Print a JSON array instead of a table.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = repo.root().environment();
        try (AppContext context = repo.root().openReadContext()) {
            AnswerCheck.tables(repo.root(), context, AnswerCheck.REPOSITORIES);
            List<RepoSummary> repos = context.repositories().list();
            if (json) {
                new JsonOutput(env.data()).document(repos.stream().map(RepoListCommand::toJson).toList());
            } else if (repos.isEmpty()) {
                env.err().println("No repositories yet. Add one with: braid repo add PATH_OR_URL");
            } else {
                printTable(env, repos);
            }
            return ExitCodes.OK;
        }
    }

    static Map<String, Object> toJson(RepoSummary repo) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("name", repo.name());
        fields.put("path", repo.path());
        fields.put("remoteUrl", repo.remoteUrl());
        fields.put("headRef", repo.headRef());
        fields.put("headCommit", repo.headCommit());
        fields.put("health", repo.health().name());
        fields.put("healthNote", repo.healthNote());
        fields.put("ahead", repo.ahead());
        fields.put("behind", repo.behind());
        fields.put("commitCount", repo.commitCount());
        fields.put("lastSync", Times.iso(repo.lastSync()));
        return fields;
    }

    private static void printTable(CliEnvironment env, List<RepoSummary> repos) {
        ZoneId zone = env.clock().getZone();
        TextTable table = new TextTable("NAME", "HEAD", "COMMITS", "STATE", "LAST SYNC", "LOCATION");
        for (RepoSummary repo : repos) {
            table.row(repo.name(), head(repo), repo.commitCount(), repo.health().description(),
                    Times.readable(repo.lastSync(), zone), repo.location());
        }
        table.print(env.out());
    }

    private static String head(RepoSummary repo) {
        if (repo.headRef() != null) {
            return repo.headRef().replaceFirst("^refs/heads/", "");
        }
        return repo.headCommit() == null ? "-" : repo.headCommit().substring(0, Math.min(7, repo.headCommit().length()));
    }
}
