package dev.braid.ui.sources;

import dev.braid.sync.Source;
import dev.braid.sync.SyncContext;
import java.util.List;
import java.util.Map;

/**
 * One kind of source the Add-source dialog (and the welcome page) offers: what to ask for and how
 * to add it. The dialog draws the fields, runs {@link #add} in the background, then starts the new
 * source's first sync and waits for it, so a source whose first sync fails is reported at once
 * and the person chooses to keep it or remove it.
 *
 * <h2>Adding a kind of source</h2>
 * <ol>
 *   <li>Implement this interface next to your feature's view (for example
 *       {@code pipelines/ui/GitLabSourceForm}): {@link #fields()} lists what to ask, {@link #add}
 *       calls your service (which inserts the {@code sources} row) and returns it. Throw with a
 *       message in plain words when the input is wrong; nothing may be left behind then.</li>
 *   <li>Register it in {@code shell/Workbench} with one line:
 *       {@code sourceForms.register(new GitLabSourceForm(services.pipelines()))}, after registering
 *       its {@link SourceGroup} (once per family, e.g. "CI pipelines").</li>
 *   <li>Optionally let people edit a source's settings later: {@link #edits}, {@link #editFields}
 *       and {@link #editedConfig}.</li>
 * </ol>
 * The form is called on a background thread and must not touch JavaFX; it needs none.
 */
public interface SourceForm {
    /** The key of the optional name field every form may ask for (see {@link SourceField#name}). */
    String NAME = "name";

    /** A stable id ({@code mlflow-server}), for tests and for opening the dialog on this kind. */
    String id();

    /** The {@link SourceGroup#id()} it is listed under. */
    String group();

    /** What it is, short: "Tracking server". */
    String title();

    /** One sentence: what it reads and from where. */
    String description();

    /** What to ask for, in order. */
    List<SourceField> fields();

    /**
     * Adds the source from the entered {@code values} (keyed by {@link SourceField#key()}, blank
     * ones left out), reporting progress and honouring cancellation through {@code progress}.
     * Runs in the background.
     */
    Added add(Map<String, String> values, SyncContext progress) throws Exception;

    /**
     * False for one-off imports that add no source to sync (an OpenLineage file): the dialog then
     * shows {@link Added#summary()} and closes.
     */
    default boolean syncsAfterAdding() {
        return true;
    }

    /** Whether this form can edit {@code source}'s settings. */
    default boolean edits(Source source) {
        return false;
    }

    /** The settings of {@code source} that can be changed, keyed by configuration key. */
    default List<SourceField> editFields(Source source) {
        return List.of();
    }

    /**
     * The configuration {@code source} gets from the edited {@code values} (keyed like
     * {@link #editFields}); throws with a plain message when they are wrong. Runs in the background.
     */
    default Map<String, String> editedConfig(Source source, Map<String, String> values) throws Exception {
        throw new UnsupportedOperationException(title() + " settings cannot be edited");
    }

    /**
     * What {@link #add} did: the source it added (null for a one-off import) and a sentence about it.
     */
    record Added(Source source, String summary) {
        public static Added source(Source source) {
            return new Added(source, "Added " + source.name() + ".");
        }
    }
}
