package dev.braid.shell;

import dev.braid.sync.SourceStore;
import dev.braid.ui.TaskRunner;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Which screen the window shows. The first start, with no sources yet, shows the welcome page;
 * later starts return to the screen shown last.
 */
public final class ShellViewModel implements Navigator {
    private final SourceStore sources;
    private final SettingsKeeper settings;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<Page> page = new ReadOnlyObjectWrapper<>(this, "page");
    private RepositoryOpener repositoryOpener = (repoId, hash) -> { };

    /** Opens one repository, and optionally one commit in it, in the Repositories view. */
    @FunctionalInterface
    public interface RepositoryOpener {
        void open(long repoId, String hash);
    }

    public ShellViewModel(SourceStore sources, SettingsKeeper settings, TaskRunner runner) {
        this.sources = sources;
        this.settings = settings;
        this.runner = runner;
    }

    /** Connects the Repositories view model, which is made after this one. */
    public void setRepositoryOpener(RepositoryOpener opener) {
        this.repositoryOpener = opener;
    }

    public ReadOnlyObjectProperty<Page> pageProperty() {
        return page.getReadOnlyProperty();
    }

    /** Picks the first screen: welcome without sources, else the one shown last. */
    public void start() {
        runner.run(() -> sources.list().isEmpty(), empty -> {
            if (empty) {
                page.set(Page.WELCOME);
            } else {
                Page last = Page.fromId(settings.current().lastView(), Page.REPOSITORIES);
                page.set(last == Page.WELCOME ? Page.REPOSITORIES : last);
            }
        }, failure -> page.set(Page.REPOSITORIES));
    }

    @Override
    public void show(Page next) {
        page.set(next);
        if (next.inNavigation()) {
            settings.update(s -> s.withLastView(next.id()));
        }
    }

    @Override
    public void openRepository(long repoId, String hash) {
        show(Page.REPOSITORIES);
        repositoryOpener.open(repoId, hash);
    }
}
