package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.pipelines.PipelineException;
import dev.braid.store.CacheOpenException;
import dev.braid.sync.Source;
import dev.braid.sync.SyncRun;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code braid pipelines add gitlab|github|jenkins|circleci|airflow|kubeflow|dvc …}: adds a CI service or
 * an ML orchestrator and syncs it once.
 * Secrets are never stored: the options name environment variables; without them ~/.netrc is read.
 */
@Command(name = "add", mixinStandardHelpOptions = true,
        description = {"Adds a CI service or an ML orchestrator and syncs it once; 'braid sync' includes it afterwards.",
                "Secrets are never stored: name the environment variables that hold them, or use ~/.netrc.",
                "Exits with 1 when it cannot be added or its first sync fails."},
        subcommands = {PipelinesAddCommand.GitLab.class, PipelinesAddCommand.GitHub.class, PipelinesAddCommand.Jenkins.class,
                PipelinesAddCommand.CircleCi.class, PipelinesAddCommand.Airflow.class, PipelinesAddCommand.Kubeflow.class,
                PipelinesAddCommand.Dvc.class})
final class PipelinesAddCommand {
    @ParentCommand
    private PipelinesCommand pipelines;

    /** Adds with {@code adder}, then syncs the new source once. */
    int addAndSync(Adder adder) throws CacheOpenException, IOException {
        CliEnvironment env = pipelines.root().environment();
        try (AppContext context = pipelines.root().openContext()) {
            Source source;
            try {
                source = adder.add(context);
            } catch (PipelineException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            env.err().println("Added " + source.name() + "; syncing it now.");
            SyncRun run = new SyncBatch(env).run(context, List.of(source)).get(0);
            env.out().println(source.name() + ": " + SyncSummary.describe(run));
            return SyncBatch.allSucceeded(List.of(run)) ? ExitCodes.OK : ExitCodes.FAILED;
        }
    }

    @FunctionalInterface
    interface Adder {
        Source add(AppContext context) throws PipelineException;
    }

    @Command(name = "gitlab", mixinStandardHelpOptions = true, description = "Adds a GitLab project's CI pipelines.")
    static final class GitLab implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Parameters(paramLabel = "URL", description = "The GitLab server, e.g. https://gitlab.com.")
        private String url;

        @Option(names = "--project", required = true, paramLabel = "PATH", description = "The project, e.g. group/app.")
        private String project;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a token (sent as PRIVATE-TOKEN).")
        private String tokenEnv;

        @Option(names = "--oauth", description = "Send the token as an OAuth bearer token instead.")
        private boolean oauth;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: gitlab:PATH).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            return add.addAndSync(c -> c.pipelines().addGitLab(url, project, tokenEnv, oauth, name));
        }
    }

    @Command(name = "github", mixinStandardHelpOptions = true, description = "Adds a GitHub repository's Actions workflow runs.")
    static final class GitHub implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Parameters(paramLabel = "OWNER/REPO", description = "The repository, e.g. acme/churn.")
        private String repo;

        @Option(names = "--api-url", paramLabel = "URL", description = "The API of a GitHub Enterprise server (default: https://api.github.com).")
        private String apiUrl;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a token.")
        private String tokenEnv;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: github:OWNER/REPO).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            return add.addAndSync(c -> c.pipelines().addGitHub(repo, apiUrl, tokenEnv, name));
        }
    }

    @Command(name = "jenkins", mixinStandardHelpOptions = true,
            description = "Adds a Jenkins job, folder or multibranch job and the builds below it.")
    static final class Jenkins implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "The Jenkins server, e.g. https://ci.example.org.")
        private String url;

        @Option(names = "--job", required = true, paramLabel = "PATH", description = "The job, e.g. folder/app (or job/folder/job/app).")
        private String job;

        @Option(names = "--username", paramLabel = "USER", description = "User name for HTTP basic authentication.")
        private String username;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the user's API token.")
        private String passwordEnv;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: jenkins:PATH).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            if ((username == null) != (passwordEnv == null)) {
                throw new ParameterException(spec.commandLine(), "--username and --password-env go together");
            }
            return add.addAndSync(c -> c.pipelines().addJenkins(url, job, username, passwordEnv, name));
        }
    }

    @Command(name = "circleci", mixinStandardHelpOptions = true, description = "Adds a CircleCI project's pipelines.")
    static final class CircleCi implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Parameters(paramLabel = "SLUG", description = "The project slug, e.g. gh/acme/churn.")
        private String slug;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a personal API token.")
        private String tokenEnv;

        @Option(names = "--api-url", paramLabel = "URL", description = "A CircleCI server (default: https://circleci.com).")
        private String apiUrl;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: circleci:SLUG).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            return add.addAndSync(c -> c.pipelines().addCircleCi(slug, apiUrl, tokenEnv, name));
        }
    }

    @Command(name = "airflow", mixinStandardHelpOptions = true,
            description = {"Adds an Airflow server's DAGs, DAG runs and task instances.",
                    "Airflow 3 (/api/v2: the user and password are traded for a token) or Airflow 2 (/api/v1: basic authentication)."})
    static final class Airflow implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "URL", description = "The Airflow web or API server, e.g. http://airflow.example.org:8080.")
        private String url;

        @Option(names = "--username", paramLabel = "USER", description = "The user to log in as.")
        private String username;

        @Option(names = "--password-env", paramLabel = "VAR", description = "Environment variable holding the user's password.")
        private String passwordEnv;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding an API token (a JWT).")
        private String tokenEnv;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: airflow:HOST[:PORT]).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            if ((username == null) != (passwordEnv == null)) {
                throw new ParameterException(spec.commandLine(), "--username and --password-env go together");
            }
            if (username != null && tokenEnv != null) {
                throw new ParameterException(spec.commandLine(), "give --username with --password-env, or --token-env, not both");
            }
            return add.addAndSync(c -> c.pipelines().addAirflow(url, username, passwordEnv, tokenEnv, name));
        }
    }

    @Command(name = "kubeflow", mixinStandardHelpOptions = true,
            description = "Adds the runs of a Kubeflow Pipelines API server (v2beta1), with their tasks.")
    static final class Kubeflow implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Parameters(paramLabel = "URL", description = "The KFP API server, e.g. http://localhost:8888 (a port-forwarded ml-pipeline service).")
        private String url;

        @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding a bearer token.")
        private String tokenEnv;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: kubeflow:HOST[:PORT]).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            return add.addAndSync(c -> c.pipelines().addKubeflow(url, tokenEnv, name));
        }
    }

    @Command(name = "dvc", mixinStandardHelpOptions = true,
            description = {"Adds the DVC pipeline of an indexed repository: each commit that changed a dvc.lock is a run,",
                    "its stages the jobs with their states at that commit (up to date, changed, never run)."})
    static final class Dvc implements Callable<Integer> {
        @ParentCommand
        private PipelinesAddCommand add;

        @Spec
        private CommandSpec spec;

        @Parameters(paramLabel = "REPO", description = "The repository (see 'braid repo list').")
        private String repo;

        @Option(names = "--name", paramLabel = "NAME", description = "The name to show (default: dvc:REPO).")
        private String name;

        @Override
        public Integer call() throws CacheOpenException, IOException {
            return add.addAndSync(c -> {
                dev.braid.repos.RepoSummary summary = PipelineRepos.named(spec, c, repo);
                String location = summary.remoteUrl() == null || summary.remoteUrl().isBlank() ? summary.path() : summary.remoteUrl();
                return c.pipelines().addDvc(summary.name(), location, name);
            });
        }
    }
}
