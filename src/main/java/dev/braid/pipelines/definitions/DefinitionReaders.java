package dev.braid.pipelines.definitions;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** The readers of the CI definitions and Kubeflow pipeline specs Braid knows, in the order files are matched. */
public final class DefinitionReaders {
    private DefinitionReaders() {
    }

    /** GitLab CI, GitHub Actions, CircleCI, Jenkins, then {@code extra} (such as DVC), then Kubeflow (by content). */
    public static List<DefinitionReader> standard(List<DefinitionReader> extra) {
        List<DefinitionReader> out = new ArrayList<>(List.of(
                reader(DefinitionKind.GITLAB_CI, p -> p.equals(GitLabCiReader.PATH), GitLabCiReader::read),
                reader(DefinitionKind.GITHUB_ACTIONS, DefinitionReaders::isWorkflow, GitHubWorkflowReader::read),
                reader(DefinitionKind.CIRCLECI, p -> p.equals(CircleCiReader.PATH), CircleCiReader::read),
                reader(DefinitionKind.JENKINS, JenkinsfileReader::isJenkinsfile, JenkinsfileReader::read)));
        out.addAll(extra);
        out.add(new KubeflowFiles());
        return List.copyOf(out);
    }

    static boolean isWorkflow(String path) {
        if (!path.startsWith(GitHubWorkflowReader.FOLDER)) {
            return false;
        }
        String rest = path.substring(GitHubWorkflowReader.FOLDER.length());
        return !rest.contains("/") && (rest.endsWith(".yml") || rest.endsWith(".yaml"));
    }

    @FunctionalInterface
    private interface Read {
        DefinitionDag read(TreeFiles files, String path, String text) throws IOException;
    }

    private static DefinitionReader reader(DefinitionKind kind, java.util.function.Predicate<String> candidate, Read read) {
        return new DefinitionReader() {
            @Override
            public DefinitionKind kind() {
                return kind;
            }

            @Override
            public boolean candidate(String path) {
                return candidate.test(path);
            }

            @Override
            public DefinitionDag read(TreeFiles files, String path, String text) throws IOException {
                return read.read(files, path, text);
            }
        };
    }

    /** Kubeflow specs have no fixed name: any YAML file whose text has KFP's top-level keys. */
    private static final class KubeflowFiles implements DefinitionReader {
        @Override
        public DefinitionKind kind() {
            return DefinitionKind.KUBEFLOW;
        }

        @Override
        public boolean candidate(String path) {
            return (path.endsWith(".yaml") || path.endsWith(".yml")) && !path.startsWith(".github/")
                    && !path.startsWith(".circleci/") && !path.endsWith(".gitlab-ci.yml");
        }

        @Override
        public boolean accepts(String path, String text) {
            return text.contains("pipelineInfo:") && text.contains("\nroot:") && text.contains("dag:");
        }

        @Override
        public DefinitionDag read(TreeFiles files, String path, String text) {
            return KubeflowReader.read(files, path, text);
        }
    }
}
