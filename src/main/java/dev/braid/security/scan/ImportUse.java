package dev.braid.security.scan;

/**
 * One global a pickle imports, and what it does with it. Mutable while the walker runs (a global
 * kept in the memo may be called later); read once the walk ends.
 */
final class ImportUse {
    final String module;
    final String name;
    final String opcode;
    final long offset;
    final boolean resolved;
    boolean called;
    /** BUILD, SETITEM or APPEND was applied to the imported object itself: it is changed in place. */
    boolean patched;

    ImportUse(String module, String name, String opcode, long offset, boolean resolved) {
        this.module = module;
        this.name = name;
        this.opcode = opcode;
        this.offset = offset;
        this.resolved = resolved;
    }

    String qualified() {
        return module + "." + name;
    }
}
