package dev.braid.ui.sources;

import dev.braid.sync.Source;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every kind of source the window offers, grouped: the Add-source dialog lists them, the welcome
 * page shows a card per group, and the Sources page finds the form that edits a source. Built and
 * filled once by the workbench, before the window is shown. See {@link SourceForm} for adding one.
 */
public final class SourceForms {
    private final Map<String, SourceGroup> groups = new LinkedHashMap<>();
    private final List<SourceForm> forms = new ArrayList<>();

    /** Adds a family of sources; groups are listed in the order registered. */
    public SourceForms register(SourceGroup group) {
        groups.putIfAbsent(group.id(), group);
        return this;
    }

    /** Adds a kind of source under its group, which must be registered first. */
    public SourceForms register(SourceForm form) {
        if (!groups.containsKey(form.group())) {
            throw new IllegalArgumentException("register the group " + form.group() + " before the form " + form.id());
        }
        if (forms.stream().anyMatch(f -> f.id().equals(form.id()))) {
            throw new IllegalArgumentException("a source form " + form.id() + " is registered already");
        }
        forms.add(form);
        return this;
    }

    /** The groups that have at least one form, in the order registered. */
    public List<SourceGroup> groups() {
        return groups.values().stream().filter(g -> !forms(g.id()).isEmpty()).toList();
    }

    /** Every form, group by group. */
    public List<SourceForm> forms() {
        List<SourceForm> out = new ArrayList<>();
        groups().forEach(g -> out.addAll(forms(g.id())));
        return out;
    }

    public List<SourceForm> forms(String group) {
        return forms.stream().filter(f -> f.group().equals(group)).toList();
    }

    public Optional<SourceGroup> group(String id) {
        return Optional.ofNullable(groups.get(id));
    }

    public Optional<SourceForm> form(String id) {
        return forms.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The form that edits {@code source}'s settings, if any does. */
    public Optional<SourceForm> editorOf(Source source) {
        return forms.stream().filter(f -> f.edits(source)).findFirst();
    }
}
