package dev.braid.pipelines.definitions;

/**
 * The kind of pipeline definition a {@link DefinitionDag} was read from. {@link #sourceKind()}
 * is the word the command line's {@code source_kind} uses for the same system, so a definition
 * and the runs of that system can be matched.
 */
public enum DefinitionKind {
    /** {@code .gitlab-ci.yml} and the local files it includes. */
    GITLAB_CI("gitlab"),
    /** One workflow file under {@code .github/workflows/}. */
    GITHUB_ACTIONS("github"),
    /** {@code .circleci/config.yml}: every workflow in it, one stage per workflow. */
    CIRCLECI("circleci"),
    /** A {@code Jenkinsfile}: its stages. */
    JENKINS("jenkins"),
    /** A Kubeflow Pipelines IR YAML file compiled by {@code kfp}. */
    KUBEFLOW("kubeflow"),
    /** A {@code dvc.yaml}: its stages after {@code foreach}/{@code matrix} expansion. */
    DVC("dvc");

    private final String sourceKind;

    DefinitionKind(String sourceKind) {
        this.sourceKind = sourceKind;
    }

    public String sourceKind() {
        return sourceKind;
    }
}
