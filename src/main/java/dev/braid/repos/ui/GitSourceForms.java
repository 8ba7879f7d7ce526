package dev.braid.repos.ui;

import dev.braid.repos.RepositoryService;
import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/** The Add-source dialog's git kinds: a repository folder on this computer, and a clone of a URL. */
public final class GitSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("git", "Git repository",
            "Commit history, branches, tags and diffs of a repository on this computer or cloned from a URL.", Feather.GIT_BRANCH);
    private static final String USERNAME_ENV = "usernameEnv";
    private static final String PASSWORD_ENV = "passwordEnv";

    private GitSourceForms() {
    }

    /** A repository folder, read in place. */
    public static SourceForm folder(RepositoryService repositories) {
        return new Base(repositories, "git-folder", "Repository folder",
                "A git repository on this computer; Braid reads its history in place and never changes it.",
                List.of(SourceField.folder("location", "Folder", "/path/to/repository"), SourceField.name("the folder")));
    }

    /** A URL cloned into Braid's data folder, fetched on every sync. */
    public static SourceForm clone(RepositoryService repositories) {
        return new Base(repositories, "git-clone", "Clone from a URL",
                "Braid clones the repository into its data folder and fetches it on every sync.",
                List.of(SourceField.text("location", "URL", "https://github.com/team/project.git", true),
                        SourceField.variable(USERNAME_ENV, "User name variable", "e.g. GIT_USER"),
                        SourceField.variable(PASSWORD_ENV, "Password or token variable", "e.g. GIT_TOKEN"),
                        SourceField.name("the URL")));
    }

    private static final class Base implements SourceForm {
        private final RepositoryService repositories;
        private final String id;
        private final String title;
        private final String description;
        private final List<SourceField> fields;

        Base(RepositoryService repositories, String id, String title, String description, List<SourceField> fields) {
            this.repositories = repositories;
            this.id = id;
            this.title = title;
            this.description = description;
            this.fields = fields;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String group() {
            return GROUP.id();
        }

        @Override
        public String title() {
            return title;
        }

        @Override
        public String description() {
            return description;
        }

        @Override
        public List<SourceField> fields() {
            return fields;
        }

        @Override
        public Added add(Map<String, String> values, SyncContext progress) throws Exception {
            Map<String, String> variables = new HashMap<>();
            for (String key : List.of(USERNAME_ENV, PASSWORD_ENV)) {
                if (values.containsKey(key)) {
                    variables.put(key, values.get(key));
                }
            }
            return Added.source(repositories.add(values.get("location"), values.get(NAME), variables, progress));
        }

        /** Only the clone form edits, and only the credential variables: the location is what the source is. */
        @Override
        public boolean edits(Source source) {
            return id.equals("git-clone") && source.kind().equals(RepositoryService.KIND);
        }

        @Override
        public List<SourceField> editFields(Source source) {
            return fields.stream().filter(f -> f.type() == SourceField.Type.VARIABLE).toList();
        }

        @Override
        public Map<String, String> editedConfig(Source source, Map<String, String> values) {
            Map<String, String> config = new LinkedHashMap<>(source.config());
            for (String key : List.of(USERNAME_ENV, PASSWORD_ENV)) {
                String value = values.get(key);
                if (value == null || value.isBlank()) {
                    config.remove(key);
                } else {
                    config.put(key, value.strip());
                }
            }
            return config;
        }
    }
}
