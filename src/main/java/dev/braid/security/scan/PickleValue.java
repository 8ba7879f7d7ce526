package dev.braid.security.scan;

import java.util.ArrayList;
import java.util.List;

/**
 * What the pickle walker keeps on its stack and in its memo instead of real objects: enough to
 * name imports, follow strings into {@code STACK_GLOBAL}, see what is called, and read the few
 * values the walker needs (joblib's array headers). Nothing here is ever a live Python object.
 */
sealed interface PickleValue {
    /** Containers keep at most this many items; pickles of millions of numbers stay small here. */
    int KEPT_ITEMS = 64;

    /** A text value (protocol 0 strings, unicode), at most {@link PickleWalker#KEPT_TEXT} characters kept. */
    record Text(String value, boolean cut) implements PickleValue {
    }

    /** An integer small enough to keep. */
    record Number(long value) implements PickleValue {
    }

    /** A byte string (only its length is kept). */
    record Bytes(long length) implements PickleValue {
    }

    /** Anything else with no meaning here: floats, None, booleans, big integers, buffers. */
    enum Atom implements PickleValue {
        OTHER, NONE, TRUE, FALSE, PERSISTENT
    }

    /** A global the pickle imports; {@code resolved} is false when its name could not be read as text. */
    final class Import implements PickleValue {
        final ImportUse use;

        Import(ImportUse use) {
            this.use = use;
        }
    }

    /** The result of calling {@code callee} (REDUCE, INST, OBJ, NEWOBJ); {@code state} is what BUILD gave it. */
    final class Made implements PickleValue {
        final PickleValue callee;
        final PickleValue args;
        PickleValue state;

        Made(PickleValue callee, PickleValue args) {
            this.callee = callee;
            this.args = args;
        }
    }

    /** A tuple, list, set or frozenset: its first items and how many there were. */
    final class Sequence implements PickleValue {
        final List<PickleValue> items = new ArrayList<>();
        long count;

        void add(PickleValue item) {
            if (items.size() < KEPT_ITEMS) {
                items.add(item);
            }
            count++;
        }

        static Sequence of(List<PickleValue> items) {
            Sequence s = new Sequence();
            items.forEach(s::add);
            return s;
        }
    }

    /** A dict: its first pairs. */
    final class Mapping implements PickleValue {
        final List<PickleValue> keys = new ArrayList<>();
        final List<PickleValue> values = new ArrayList<>();

        void put(PickleValue key, PickleValue value) {
            if (keys.size() < KEPT_ITEMS) {
                keys.add(key);
                values.add(value);
            }
        }

        /** The value under the text key {@code name}, or null. */
        PickleValue get(String name) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) instanceof Text t && t.value().equals(name)) {
                    return values.get(i);
                }
            }
            return null;
        }
    }
}
