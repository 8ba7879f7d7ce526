package dev.braid.pipelines;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A pipeline source's settings checked and written as its stored configuration, one rule per kind,
 * shared by adding a source (the CLI's {@code pipelines add}, the Add-source dialog) and editing one
 * (the Sources page). Only the names of credential variables are kept, never a secret.
 *
 * <p>Settings are keyed by configuration key (see {@link PipelineService} for them). What names the
 * thing a source follows (a GitLab project, a GitHub repository, a Jenkins job, a CircleCI slug) is
 * fixed once added: its cached runs belong to it, so following another is adding another source.
 * The server address and the credentials can change, as they do when a server moves or a token is
 * replaced.
 */
public final class PipelineSourceSettings {
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private PipelineSourceSettings() {
    }

    /** The configuration keys of {@code kind} that can be edited after adding. */
    public static List<String> editableKeys(String kind) {
        return switch (kind) {
            case "gitlab", "kubeflow" -> List.of("url", "token_env");
            case "github", "circleci" -> List.of("api_url", "token_env");
            case "jenkins" -> List.of("url", "username", "password_env");
            case "airflow" -> List.of("url", "username", "password_env", "token_env");
            default -> List.of();
        };
    }

    /**
     * The configuration of a new {@code kind} source from {@code settings} (blank values count as
     * missing); throws with a plain message when one is wrong.
     */
    public static Map<String, String> config(String kind, Map<String, String> settings) throws PipelineException {
        Map<String, String> config = new LinkedHashMap<>();
        switch (kind) {
            case "gitlab" -> {
                String path = required(settings.get("project"), "a project path such as group/app").replaceAll("^/+|/+$", "");
                config.put("url", httpUrl(orDefault(settings.get("url"), "https://gitlab.com")));
                config.put("project", path);
                putEnv(config, "token_env", settings.get("token_env"));
                if ("true".equals(settings.get("oauth"))) {
                    config.put("oauth", "true");
                }
            }
            case "github" -> {
                String repo = settings.get("repo");
                String slug = required(repo, "a repository as OWNER/REPO").replaceAll("^/+|/+$", "");
                if (!slug.matches("[\\w.-]+/[\\w.-]+")) {
                    throw PipelineException.permanent("not a GitHub repository (OWNER/REPO): " + repo, null);
                }
                config.put("repo", slug);
                config.put("api_url", httpUrl(orDefault(settings.get("api_url"), "https://api.github.com")));
                putEnv(config, "token_env", settings.get("token_env"));
            }
            case "jenkins" -> {
                String path = required(settings.get("job"), "a job path such as folder/app").replaceAll("^/+|/+$", "")
                        .replaceAll("(^|/)job/", "$1");
                config.put("url", httpUrl(required(settings.get("url"), "the Jenkins address")));
                config.put("job", path);
                putText(config, "username", settings.get("username"));
                putEnv(config, "password_env", settings.get("password_env"));
            }
            case "circleci" -> {
                String slug = settings.get("slug");
                String s = required(slug, "a project slug such as gh/org/repo").replaceAll("^/+|/+$", "");
                if (s.split("/").length != 3) {
                    throw PipelineException.permanent("not a CircleCI project slug (VCS/ORG/REPO, such as gh/acme/app): "
                            + slug, null);
                }
                config.put("slug", s);
                config.put("api_url", httpUrl(orDefault(settings.get("api_url"), "https://circleci.com")));
                putEnv(config, "token_env", settings.get("token_env"));
            }
            case "airflow" -> {
                config.put("url", httpUrl(required(settings.get("url"), "the Airflow address")));
                if (!blank(settings.get("token_env")) && !blank(settings.get("username"))) {
                    throw PipelineException.permanent("give either a user with --username and --password-env, or a token with"
                            + " --token-env, not both", null);
                }
                putText(config, "username", settings.get("username"));
                putEnv(config, "password_env", settings.get("password_env"));
                putEnv(config, "token_env", settings.get("token_env"));
            }
            case "kubeflow" -> {
                config.put("url", httpUrl(required(settings.get("url"), "the Kubeflow Pipelines address")));
                putEnv(config, "token_env", settings.get("token_env"));
            }
            default -> throw PipelineException.permanent("Braid cannot sync pipeline sources of kind " + kind, null);
        }
        return config;
    }

    /**
     * {@code current} with its editable settings replaced by {@code edited} (keyed by configuration
     * key); what names the followed project, and every other key, stays as it was.
     */
    public static Map<String, String> edited(String kind, Map<String, String> current, Map<String, String> edited)
            throws PipelineException {
        List<String> editable = editableKeys(kind);
        Map<String, String> settings = new LinkedHashMap<>(current);
        editable.forEach(settings::remove);
        edited.forEach((key, value) -> {
            if (editable.contains(key)) {
                settings.put(key, value);
            }
        });
        Map<String, String> checked = config(kind, settings);
        Map<String, String> out = new LinkedHashMap<>(current);
        editable.forEach(out::remove);
        out.putAll(checked);
        return out;
    }

    /** The name a new source of {@code kind} gets when none is given. */
    public static String defaultName(String kind, Map<String, String> config) {
        return switch (kind) {
            case "gitlab" -> "gitlab:" + config.get("project");
            case "github" -> "github:" + config.get("repo");
            case "jenkins" -> "jenkins:" + config.get("job");
            case "circleci" -> "circleci:" + config.get("slug");
            default -> kind + ":" + config.get("url").replaceFirst("(?i)^https?://", "").replaceAll("/+$", "");
        };
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    private static String orDefault(String value, String fallback) {
        return blank(value) ? fallback : value;
    }

    private static String required(String value, String what) throws PipelineException {
        if (blank(value)) {
            throw PipelineException.permanent("missing " + what, null);
        }
        return value.strip();
    }

    static String httpUrl(String url) throws PipelineException {
        String u = url.strip().replaceAll("/+$", "");
        if (!u.matches("(?i)https?://[^/\\s]+.*")) {
            throw PipelineException.permanent("not an http(s) address: " + url, null);
        }
        return u;
    }

    private static void putText(Map<String, String> config, String key, String value) {
        if (!blank(value)) {
            config.put(key, value.strip());
        }
    }

    private static void putEnv(Map<String, String> config, String key, String variable) throws PipelineException {
        if (blank(variable)) {
            return;
        }
        if (!ENV_NAME.matcher(variable.strip()).matches()) {
            throw PipelineException.permanent("not the name of an environment variable: " + variable
                    + " (give the variable's name, never the secret itself)", null);
        }
        config.put(key, variable.strip());
    }
}
