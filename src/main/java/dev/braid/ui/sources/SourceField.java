package dev.braid.ui.sources;

import java.util.Objects;

/**
 * One input of a {@link SourceForm}: what the Add-source and Edit-source dialogs ask for.
 *
 * @param key      the name its value is handed over under (and, for editable fields, the
 *                 configuration key of the source it is read from)
 * @param label    the label in front of it ("Tracking server URL")
 * @param prompt   the grey hint inside it ("http://127.0.0.1:5000")
 * @param type     what it holds, which decides how it is entered
 * @param required whether the dialog refuses to go on without it
 * @param help     a sentence under it, or empty
 */
public record SourceField(String key, String label, String prompt, Type type, boolean required, String help) {
    /** What a field holds. */
    public enum Type {
        /** Free text: a URL, a name, a project path. */
        TEXT,
        /** A folder on this computer, with a Browse button. */
        FOLDER,
        /** A file on this computer, with a Browse button. */
        FILE,
        /** The name of an environment variable holding a secret: only the name is ever stored. */
        VARIABLE
    }

    public SourceField {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(type, "type");
        prompt = prompt == null ? "" : prompt;
        help = help == null ? "" : help;
    }

    public static SourceField text(String key, String label, String prompt, boolean required) {
        return new SourceField(key, label, prompt, Type.TEXT, required, "");
    }

    public static SourceField folder(String key, String label, String prompt) {
        return new SourceField(key, label, prompt, Type.FOLDER, true, "");
    }

    public static SourceField file(String key, String label, String prompt) {
        return new SourceField(key, label, prompt, Type.FILE, true, "");
    }

    /** An optional environment variable name, with the standard reassurance under it. */
    public static SourceField variable(String key, String label, String prompt) {
        return new SourceField(key, label, prompt, Type.VARIABLE, false,
                "Optional. The name of an environment variable: Braid stores the name, never the secret.");
    }

    /** The optional "Name" every source kind offers. */
    public static SourceField name(String derivedFrom) {
        return new SourceField(SourceForm.NAME, "Name", "taken from " + derivedFrom + " when left empty", Type.TEXT, false, "");
    }

    public SourceField withHelp(String text) {
        return new SourceField(key, label, prompt, type, required, text);
    }
}
