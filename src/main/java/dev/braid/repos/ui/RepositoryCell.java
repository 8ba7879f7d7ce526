package dev.braid.repos.ui;

import dev.braid.repos.RepoHealth;
import dev.braid.repos.RepoSummary;
import dev.braid.ui.Formats;
import java.time.Clock;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;

/** A repository in the list: name, where it comes from, branch, ahead/behind, last sync, health. */
final class RepositoryCell extends ListCell<RepoSummary> {
    private final Clock clock;
    private final Label name = new Label();
    private final Label location = new Label();
    private final Label state = new Label();
    private final VBox box = new VBox(2, name, location, state);

    RepositoryCell(Clock clock) {
        this.clock = clock;
        name.getStyleClass().add("repo-name");
        location.getStyleClass().addAll("repo-location", "text-muted");
        state.getStyleClass().add("repo-state");
        getStyleClass().add("repository-cell");
    }

    @Override
    protected void updateItem(RepoSummary repo, boolean empty) {
        super.updateItem(repo, empty);
        setText(null);
        if (empty || repo == null) {
            setGraphic(null);
            setTooltip(null);
            return;
        }
        name.setText(repo.name());
        location.setText(repo.location());
        state.setText(describe(repo));
        state.getStyleClass().removeIf(c -> c.startsWith("health-"));
        state.getStyleClass().add("health-" + repo.health().name().toLowerCase());
        setTooltip(new Tooltip(repo.health().description() + (repo.healthNote() == null ? "" : "\n" + repo.healthNote())));
        setGraphic(box);
    }

    private String describe(RepoSummary repo) {
        StringBuilder out = new StringBuilder();
        if (repo.headRef() != null) {
            out.append(repo.headRef().replaceFirst("^refs/heads/", ""));
        } else if (repo.detached()) {
            out.append("detached at ").append(repo.headCommit(), 0, Math.min(7, repo.headCommit().length()));
        } else {
            out.append("no branch");
        }
        if (repo.ahead() != null && repo.behind() != null) {
            out.append("  ↑").append(repo.ahead()).append(" ↓").append(repo.behind());
        }
        out.append(" · synced ").append(Formats.ago(repo.lastSync(), clock.instant()));
        if (repo.health() != RepoHealth.OK) {
            out.append(" · ").append(repo.health().description());
        }
        return out.toString();
    }
}
