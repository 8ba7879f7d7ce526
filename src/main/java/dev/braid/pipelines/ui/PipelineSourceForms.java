package dev.braid.pipelines.ui;

import dev.braid.pipelines.PipelineService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's CI kinds, the same four {@code braid pipelines add} offers: a GitLab
 * project, a GitHub repository's Actions, a Jenkins job and a CircleCI project. Tokens are named by
 * environment variable, never stored.
 */
public final class PipelineSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("pipelines", "CI pipelines",
            "Pipeline runs, jobs and logs from GitLab CI, GitHub Actions, Jenkins or CircleCI.", Feather.GIT_PULL_REQUEST);

    private PipelineSourceForms() {
    }

    /** Every CI kind, in the order the dialog lists them. */
    public static List<SourceForm> all(PipelineService pipelines) {
        return List.of(gitlab(pipelines), github(pipelines), jenkins(pipelines), circleci(pipelines));
    }

    public static SourceForm gitlab(PipelineService pipelines) {
        return new Form("gitlab", "GitLab CI", "A GitLab project's pipelines, on gitlab.com or your own server.",
                List.of(SourceField.text("project", "Project path", "group/app", true),
                        SourceField.text("url", "Server URL", "https://gitlab.com when left empty", false),
                        SourceField.variable("tokenEnv", "Token variable", "e.g. GITLAB_TOKEN"),
                        SourceField.name("gitlab:<project path>")),
                v -> pipelines.addGitLab(v.get("url"), v.get("project"), v.get("tokenEnv"), false, v.get(SourceForm.NAME)));
    }

    public static SourceForm github(PipelineService pipelines) {
        return new Form("github", "GitHub Actions", "A GitHub repository's workflow runs.",
                List.of(SourceField.text("repo", "Repository", "owner/repo", true),
                        SourceField.text("apiUrl", "API URL", "https://api.github.com when left empty", false),
                        SourceField.variable("tokenEnv", "Token variable", "e.g. GITHUB_TOKEN"),
                        SourceField.name("github:<owner/repo>")),
                v -> pipelines.addGitHub(v.get("repo"), v.get("apiUrl"), v.get("tokenEnv"), v.get(SourceForm.NAME)));
    }

    public static SourceForm jenkins(PipelineService pipelines) {
        return new Form("jenkins", "Jenkins job", "A Jenkins job, folder or multibranch job and its builds.",
                List.of(SourceField.text("url", "Server URL", "https://jenkins.example.org", true),
                        SourceField.text("job", "Job path", "folder/app", true),
                        SourceField.text("username", "User name", "for the API token", false),
                        SourceField.variable("passwordEnv", "API token variable", "e.g. JENKINS_TOKEN"),
                        SourceField.name("jenkins:<job path>")),
                v -> pipelines.addJenkins(v.get("url"), v.get("job"), v.get("username"), v.get("passwordEnv"),
                        v.get(SourceForm.NAME)));
    }

    public static SourceForm circleci(PipelineService pipelines) {
        return new Form("circleci", "CircleCI", "A CircleCI project's pipelines and workflows.",
                List.of(SourceField.text("slug", "Project slug", "gh/org/repo", true),
                        SourceField.text("apiUrl", "Server URL", "https://circleci.com when left empty", false),
                        SourceField.variable("tokenEnv", "Token variable", "e.g. CIRCLECI_TOKEN"),
                        SourceField.name("circleci:<slug>")),
                v -> pipelines.addCircleCi(v.get("slug"), v.get("apiUrl"), v.get("tokenEnv"), v.get(SourceForm.NAME)));
    }

    @FunctionalInterface
    private interface Adder {
        Source add(Map<String, String> values) throws Exception;
    }

    private record Form(String id, String title, String description, List<SourceField> fields, Adder adder)
            implements SourceForm {
        @Override
        public String group() {
            return GROUP.id();
        }

        @Override
        public Added add(Map<String, String> values, SyncContext progress) throws Exception {
            return Added.source(adder.add(values));
        }
    }
}
