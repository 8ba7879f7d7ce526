package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineService;
import dev.braid.pipelines.PipelineSourceSettings;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's pipeline kinds, the same six {@code braid pipelines add} offers: a GitLab
 * project, a GitHub repository's Actions, a Jenkins job, a CircleCI project, an Airflow server and a
 * Kubeflow Pipelines server. Each form also edits its kind's sources on the Sources page: the server
 * address and the credential variables (see {@link PipelineSourceSettings}). Fields are keyed by
 * configuration key; tokens are named by environment variable, never stored.
 */
public final class PipelineSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("pipelines", "CI pipelines",
            "Pipeline runs, jobs and logs from GitLab CI, GitHub Actions, Jenkins, CircleCI, Airflow or Kubeflow.",
            Feather.GIT_PULL_REQUEST);

    private PipelineSourceForms() {
    }

    /** Every pipeline kind, in the order the dialog lists them. */
    public static List<SourceForm> all(PipelineService pipelines) {
        return List.of(gitlab(pipelines), github(pipelines), jenkins(pipelines), circleci(pipelines),
                airflow(pipelines), kubeflow(pipelines));
    }

    public static SourceForm gitlab(PipelineService pipelines) {
        return new Form(pipelines, "gitlab", "GitLab CI", "A GitLab project's pipelines, on gitlab.com or your own server.",
                List.of(SourceField.text("project", "Project path", "group/app", true),
                        SourceField.text("url", "Server URL", "https://gitlab.com when left empty", false),
                        SourceField.variable("token_env", "Token variable", "e.g. GITLAB_TOKEN"),
                        SourceField.name("gitlab:<project path>")));
    }

    public static SourceForm github(PipelineService pipelines) {
        return new Form(pipelines, "github", "GitHub Actions", "A GitHub repository's workflow runs.",
                List.of(SourceField.text("repo", "Repository", "owner/repo", true),
                        SourceField.text("api_url", "API URL", "https://api.github.com when left empty", false),
                        SourceField.variable("token_env", "Token variable", "e.g. GITHUB_TOKEN"),
                        SourceField.name("github:<owner/repo>")));
    }

    public static SourceForm jenkins(PipelineService pipelines) {
        return new Form(pipelines, "jenkins", "Jenkins job", "A Jenkins job, folder or multibranch job and its builds.",
                List.of(SourceField.text("url", "Server URL", "https://jenkins.example.org", true),
                        SourceField.text("job", "Job path", "folder/app", true),
                        SourceField.text("username", "User name", "for the API token", false),
                        SourceField.variable("password_env", "API token variable", "e.g. JENKINS_TOKEN"),
                        SourceField.name("jenkins:<job path>")));
    }

    public static SourceForm circleci(PipelineService pipelines) {
        return new Form(pipelines, "circleci", "CircleCI", "A CircleCI project's pipelines and workflows.",
                List.of(SourceField.text("slug", "Project slug", "gh/org/repo", true),
                        SourceField.text("api_url", "Server URL", "https://circleci.com when left empty", false),
                        SourceField.variable("token_env", "Token variable", "e.g. CIRCLECI_TOKEN"),
                        SourceField.name("circleci:<slug>")));
    }

    public static SourceForm airflow(PipelineService pipelines) {
        return new Form(pipelines, "airflow", "Airflow", "An Airflow 2 or 3 server's DAGs, DAG runs and task tries.",
                List.of(SourceField.text("url", "Server URL", "http://127.0.0.1:8080", true),
                        SourceField.text("username", "User name", "with a password variable, or leave empty", false),
                        SourceField.variable("password_env", "Password variable", "e.g. AIRFLOW_PASSWORD"),
                        SourceField.variable("token_env", "Token variable", "instead of a user, e.g. AIRFLOW_TOKEN"),
                        SourceField.name("airflow:<host>")));
    }

    public static SourceForm kubeflow(PipelineService pipelines) {
        return new Form(pipelines, "kubeflow", "Kubeflow Pipelines", "A Kubeflow Pipelines API server's runs and tasks.",
                List.of(SourceField.text("url", "Server URL", "http://127.0.0.1:8888", true),
                        SourceField.variable("token_env", "Token variable", "e.g. KFP_TOKEN"),
                        SourceField.name("kubeflow:<host>")));
    }

    /** One pipeline kind: {@code id} is the source kind, and every field's key a configuration key. */
    private record Form(PipelineService pipelines, String id, String title, String description, List<SourceField> fields)
            implements SourceForm {
        @Override
        public String group() {
            return GROUP.id();
        }

        @Override
        public Added add(Map<String, String> values, SyncContext progress) throws Exception {
            return Added.source(pipelines.add(id, values.get(NAME), values));
        }

        /** Sources of this kind, except the demo's, which no server stands behind. */
        @Override
        public boolean edits(Source source) {
            return source.kind().equals(id) && !PipelineService.isDemo(source);
        }

        @Override
        public List<SourceField> editFields(Source source) {
            List<String> editable = PipelineSourceSettings.editableKeys(id);
            return fields.stream().filter(f -> editable.contains(f.key())).map(f -> f.key().equals(editable.get(0))
                    ? f.withHelp("Where the server is now, if it moved. To follow another project, add it as a new source.")
                    : f).toList();
        }

        @Override
        public Map<String, String> editedConfig(Source source, Map<String, String> values) throws Exception {
            return pipelines.editedConfig(source, values);
        }
    }
}
