package dev.braid.security.env;

import java.util.Locale;

/** How much an environment difference matters, from the worst down. */
public enum Severity {
    /** Loading or results will break: another major version of the framework, a pickle whose library moved. */
    HIGH,
    /** Likely trouble: another Python minor version, a package the model needs that serving lacks. */
    MEDIUM,
    /** Worth a look: other versions of supporting packages. */
    LOW,
    /** For the record: packages only one side has that the model does not need. */
    INFO;

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
