package dev.braid.security.scan;

import java.util.Locale;

/** The sorts of findings; {@link #id()} names them in JSON and SARIF ({@code braid/<id>}). */
public enum FindingKind {
    /** A pickle imports a global (GLOBAL, STACK_GLOBAL, INST) that its loader would call or hand on. */
    IMPORT,
    /** A pickle names what it imports in a way Braid cannot resolve (computed strings, the extension registry). */
    UNRESOLVED_IMPORT,
    /** A pickle embedded in another pickle's bytes. */
    NESTED_PICKLE,
    /** A stream or header that is cut short, broken or inconsistent. */
    MALFORMED,
    /** A file or member too big, too deep or too compressed to scan completely: a possible bomb. */
    LIMIT,
    /** A Keras layer that carries Python code (Lambda) or a custom object loaded from a module. */
    KERAS_CODE,
    /** An ONNX tensor stored outside the model's folder. */
    EXTERNAL_DATA,
    /** A file Braid cannot read as any model format (a renamed file, an encrypted archive member). */
    UNREADABLE;

    /** The kebab-case identifier: {@code import}, {@code unresolved-import}, … */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
