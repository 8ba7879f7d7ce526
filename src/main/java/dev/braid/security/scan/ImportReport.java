package dev.braid.security.scan;

/**
 * One global a file imports, as the report lists it: every distinct import once per location,
 * with its rating and why.
 *
 * @param location where in the file ({@code ""} for the file itself, else the archive member)
 * @param module   the module, as the pickle names it
 * @param name     the name inside it (may be dotted: {@code Class.method})
 * @param opcode   how it is imported: {@code GLOBAL}, {@code STACK_GLOBAL}, {@code INST} or {@code EXT}
 * @param called   whether the pickle calls it
 * @param count    how many times the pickle imports it there
 */
public record ImportReport(String location, String module, String name, String opcode, boolean called,
                           Rating rating, String reason, int count) {
    /** {@code module.name}. */
    public String qualified() {
        return module + "." + name;
    }
}
