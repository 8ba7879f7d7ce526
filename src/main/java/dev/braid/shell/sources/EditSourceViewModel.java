package dev.braid.shell.sources;

import dev.braid.sync.Source;
import dev.braid.sync.SourceManager;
import dev.braid.ui.TaskRunner;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Editing one source: its name (every source) and the settings its kind's form lets people change
 * (an address, the names of credential variables). Saving renames and stores the new settings; a
 * refusal (a name taken, a wrong address) is shown and nothing changes.
 */
public final class EditSourceViewModel {
    private final Source source;
    private final SourceForm form;
    private final SourceManager manager;
    private final TaskRunner runner;
    private final Consumer<Source> saved;
    private final StringProperty name;
    private final Map<String, StringProperty> values = new LinkedHashMap<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyBooleanWrapper done = new ReadOnlyBooleanWrapper(this, "done");

    /** {@code form} may be null: then only the name can be changed. */
    public EditSourceViewModel(Source source, SourceForm form, SourceManager manager, TaskRunner runner, Consumer<Source> saved) {
        this.source = source;
        this.form = form;
        this.manager = manager;
        this.runner = runner;
        this.saved = saved;
        this.name = new SimpleStringProperty(this, "name", source.name());
        for (SourceField field : fields()) {
            String value = source.config(field.key());
            values.put(field.key(), new SimpleStringProperty(this, field.key(), value == null ? "" : value));
        }
    }

    public Source source() {
        return source;
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** The settings that can be changed besides the name; empty for kinds without an editor. */
    public List<SourceField> fields() {
        return form == null ? List.of() : form.editFields(source);
    }

    public StringProperty value(String key) {
        return values.computeIfAbsent(key, k -> new SimpleStringProperty(this, k, ""));
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** True once saved: the dialog closes. */
    public ReadOnlyBooleanProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    /** Renames and stores the settings, in the background. */
    public void save() {
        if (busy.get()) {
            return;
        }
        String newName = name.get() == null ? "" : name.get().strip();
        Map<String, String> entered = new LinkedHashMap<>();
        values.forEach((key, value) -> entered.put(key, value.get() == null ? "" : value.get().strip()));
        busy.set(true);
        error.set("");
        runner.run(() -> {
            Map<String, String> config = form == null || fields().isEmpty() ? source.config() : form.editedConfig(source, entered);
            Source current = source;
            if (!newName.equals(source.name())) {
                current = manager.rename(current, newName);
            }
            if (!Objects.equals(config, source.config())) {
                current = manager.updateConfig(current, config);
            }
            return current;
        }, edited -> {
            busy.set(false);
            done.set(true);
            saved.accept(edited);
        }, failure -> {
            busy.set(false);
            error.set(AddSourceViewModel.describe(failure));
        });
    }

}
