package dev.braid.shell;

/**
 * What a screen for a source kind Braid cannot sync yet says: what it will show, where that data
 * will come from and how to add it. It never shows made-up data.
 */
public final class PlaceholderViewModel {
    private final Page page;

    public PlaceholderViewModel(Page page) {
        this.page = page;
    }

    public Page page() {
        return page;
    }

    public String title() {
        return page.title();
    }

    public String emptyNote() {
        return "Nothing to show yet: no source of this kind is connected.";
    }

    public String whatItWillShow() {
        return switch (page) {
            case EXPERIMENTS -> "Experiments will list your ML runs: their parameters, metrics over time, artifacts, "
                    + "registered models, and the commit each run was trained from.";
            case FEATURES -> "Features will list feature definitions and their versions, with the data and code "
                    + "versions each was built from.";
            case PIPELINES -> "Pipelines will list CI and data pipeline runs (GitHub Actions, GitLab CI, DVC stages) "
                    + "with their status, duration, and the commit that triggered them.";
            case AUDIT -> "Audit will list write-backs, scans, promotions and their overrides, BOM exports and "
                    + "sensitivity labels, filtered by user, object and time.";
            case LINEAGE -> "Lineage will draw the graph that joins commits, pipeline runs, datasets, features, "
                    + "experiments and models, so you can follow any result back to the code and data behind it.";
            default -> "";
        };
    }

    public String howToFeedIt() {
        return switch (page) {
            case EXPERIMENTS -> "Fed by an MLflow tracking server or a local store (an mlflow.db file or an mlruns folder):"
                    + " add one with Add source… in the toolbar.";
            case FEATURES -> "Fed by the feature definitions in your repositories and feature store. Braid cannot sync "
                    + "these yet; add the repositories that hold them with Add source… in the toolbar.";
            case PIPELINES -> "Fed by your CI service and by pipeline files (.github/workflows, .gitlab-ci.yml, dvc.yaml) "
                    + "in repositories you add with Add source… in the toolbar. Syncing pipeline runs is not available yet.";
            case LINEAGE -> "Fed by OpenLineage events and by the links between the other sources: add repositories, "
                    + "MLflow stores or an OpenLineage events file with Add source… in the toolbar.";
            default -> "";
        };
    }
}
