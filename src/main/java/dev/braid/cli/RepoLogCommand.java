package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.repos.HistoryQuery;
import dev.braid.repos.RepoSummary;
import dev.braid.repos.RepositoryService;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid repo log NAME [--ref REF | --all] [--limit N] [--json]}: cached history, newest first. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = {"Shows a repository's history from the cache, newest first, like 'git log'.",
                "With --json, one object per line: hash, parents, author, email, authorTime, subject."})
final class RepoLogCommand implements Callable<Integer> {
    /** How many commits are printed between checks that someone still reads them. */
    static final int PAGE = 500;

    @ParentCommand
    private RepoCommand repo;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The repository (see 'braid repo list').")
    private String name;

    @Option(names = "--ref", paramLabel = "REF", description = "Start from this branch, tag, ref or commit (default: HEAD).")
    private String ref;

    @Option(names = "--all", description = "Every commit reachable from any ref, like 'git log --all'.")
    private boolean all;

    @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "Show at most N commits (default: all).")
    private Integer limit;

    @Option(names = "--json", description = "Print JSON Lines instead of text.")
    private boolean json;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        checkOptions();
        CliEnvironment env = repo.root().environment();
        try (AppContext context = repo.root().openReadContext()) {
            AnswerCheck.tables(repo.root(), context, AnswerCheck.HISTORY);
            RepositoryService repositories = context.repositories();
            RepoSummary summary = repositories.find(name).orElseThrow(() -> new ParameterException(spec.commandLine(),
                    "unknown repository: " + name + " (see 'braid repo list')"));
            HistoryQuery query = new HistoryQuery(summary.sourceId(), all ? null : startRef(), null);
            JsonOutput jsonOut = new JsonOutput(env.data());
            long[] printed = {0};
            repositories.forEachInHistory(query, limit == null ? Long.MAX_VALUE : limit, commit -> {
                if (json) {
                    jsonOut.line(CommitFormat.json(commit));
                } else {
                    env.out().println(CommitFormat.text(commit));
                }
                // A reader that went away (braid repo log | head) ends the walk; checking flushes, so only now and then.
                return ++printed[0] % PAGE != 0 || !(json ? env.data() : env.out()).checkError();
            });
            if (printed[0] == 0 && ref != null && !knownRef(repositories, summary.sourceId(), ref)) {
                throw new ParameterException(spec.commandLine(), "unknown ref in " + name + ": " + ref);
            }
            return ExitCodes.OK;
        }
    }

    private String startRef() {
        return ref == null ? "HEAD" : ref;
    }

    private void checkOptions() {
        if (all && ref != null) {
            throw new ParameterException(spec.commandLine(), "--ref and --all cannot be used together");
        }
        if (limit != null && limit < 1) {
            throw new ParameterException(spec.commandLine(), "--limit must be at least 1, not " + limit);
        }
    }

    /** Whether {@code ref} names a ref of the repository or looks like a commit hash. */
    private static boolean knownRef(RepositoryService repositories, long repoId, String ref) {
        if (ref.matches("[0-9a-fA-F]{4,40}")) {
            return true;
        }
        return repositories.refs(repoId).stream().anyMatch(r -> r.name().equals(ref) || r.shortName().equals(ref));
    }
}
