package dev.braid.security.scan;

import dev.braid.security.scan.PickleValue.Import;
import dev.braid.security.scan.PickleValue.Made;
import dev.braid.security.scan.PickleValue.Mapping;
import dev.braid.security.scan.PickleValue.Number;
import dev.braid.security.scan.PickleValue.Sequence;
import dev.braid.security.scan.PickleValue.Text;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * joblib writes each NumPy array as a small {@code NumpyArrayWrapper} object in the pickle and
 * the array's bytes straight after it: raw data for plain arrays (after an alignment padding
 * byte and its padding), or a whole pickle for arrays of Python objects. The walker would read
 * raw data as opcodes, so after the wrapper's BUILD this skips the data, or walks the object
 * pickle in place, reading shape and dtype from the wrapper's state as joblib does.
 */
final class JoblibArrays {
    private static final Set<String> MODULES = Set.of("joblib.numpy_pickle", "sklearn.externals.joblib.numpy_pickle");
    private static final Pattern DESCR = Pattern.compile("^[<>|=]?([a-zA-Z])(\\d*)");

    /** Walks a pickle that follows inline; the argument says what it is. */
    interface InlineWalker {
        void walk(String how) throws IOException;
    }

    private JoblibArrays() {
    }

    /** The wrapper's class name when {@code made} is a joblib array wrapper, else null. */
    static String wrapperClass(Made made) {
        PickleValue cls = made.callee;
        // Protocols 0 and 1 make instances through copyreg._reconstructor(cls, object, None).
        if (cls instanceof Import i && i.use.name.equals("_reconstructor") && made.args instanceof Sequence s
                && !s.items.isEmpty()) {
            cls = s.items.get(0);
        }
        if (cls instanceof Import i && MODULES.contains(i.use.module) && i.use.name.equals("NumpyArrayWrapper")) {
            return i.use.qualified();
        }
        return null;
    }

    /** Moves {@code in} past the array data that follows the wrapper {@code made}, whose state BUILD just set. */
    static void afterHeader(Made made, ByteReader in, InlineWalker inline, List<String> notes) throws IOException {
        if (!(made.state instanceof Mapping state)) {
            throw new PickleWalker.Malformed("a joblib array header at offset " + in.position() + " has no readable state");
        }
        DType dtype = dtype(state.get("dtype"));
        if (dtype == null) {
            throw new PickleWalker.Malformed("a joblib array header at offset " + in.position()
                    + " has a dtype Braid cannot read, so the array's size is unknown");
        }
        if (dtype.hasObject()) {
            inline.walk("joblib object array");
            return;
        }
        long count = count(state.get("shape"), in.position());
        if (state.get("numpy_array_alignment_bytes") instanceof Number) {
            int padding = in.readByte();
            in.skip(padding);
        }
        long bytes = Math.multiplyExact(count, dtype.itemSize());
        in.skip(bytes);
        notes.add("joblib array of " + bytes + " bytes skipped");
    }

    private static long count(PickleValue shape, long at) {
        if (!(shape instanceof Sequence s) || s.items.size() != s.count) {
            throw new PickleWalker.Malformed("a joblib array header at offset " + at + " has no readable shape");
        }
        long count = 1;
        for (PickleValue dim : s.items) {
            if (!(dim instanceof Number n) || n.value() < 0) {
                throw new PickleWalker.Malformed("a joblib array header at offset " + at + " has a shape Braid cannot read");
            }
            count = Math.multiplyExact(count, n.value());
        }
        return count;
    }

    /** The element size and whether it holds objects, from {@code numpy.dtype(descr, …)} and its BUILD state. */
    private static DType dtype(PickleValue value) {
        if (!(value instanceof Made made) || !(made.args instanceof Sequence args) || args.items.isEmpty()
                || !(args.items.get(0) instanceof Text descr)) {
            return null;
        }
        long elsize = -1;
        long flags = 0;
        if (made.state instanceof Sequence state && state.items.size() >= 8) {
            if (state.items.get(5) instanceof Number n) {
                elsize = n.value();
            }
            if (state.items.get(7) instanceof Number n) {
                flags = n.value();
            }
        }
        Matcher m = DESCR.matcher(descr.value());
        if (!m.find()) {
            return null;
        }
        char kind = m.group(1).charAt(0);
        boolean object = kind == 'O' || (flags & 1) != 0;
        if (object) {
            return new DType(8, true);
        }
        if (elsize > 0) {
            return new DType(elsize, false);
        }
        if (m.group(2).isEmpty()) {
            return kind == '?' || kind == 'b' ? new DType(1, false) : null;
        }
        long digits = Long.parseLong(m.group(2));
        return new DType(kind == 'U' ? digits * 4 : digits, false);
    }

    private record DType(long itemSize, boolean hasObject) {
    }
}
