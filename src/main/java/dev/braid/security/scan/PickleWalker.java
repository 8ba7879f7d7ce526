package dev.braid.security.scan;

import dev.braid.security.scan.PickleValue.Atom;
import dev.braid.security.scan.PickleValue.Bytes;
import dev.braid.security.scan.PickleValue.Import;
import dev.braid.security.scan.PickleValue.Made;
import dev.braid.security.scan.PickleValue.Mapping;
import dev.braid.security.scan.PickleValue.Number;
import dev.braid.security.scan.PickleValue.Sequence;
import dev.braid.security.scan.PickleValue.Text;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the opcodes of one pickle (protocols 0–5) without executing any of them, keeping a
 * symbolic stack, metastack and memo, so that every import is found however it is spelled:
 * {@code GLOBAL} and {@code INST} read their names inline, {@code STACK_GLOBAL} takes them from
 * the stack (strings that may come from the memo), {@code EXT1/2/4} through an extension
 * registry Braid cannot see. What is called ({@code REDUCE}, {@code INST}, {@code OBJ},
 * {@code NEWOBJ(_EX)}) is marked on the import. Byte strings that are pickles themselves, and the
 * object arrays joblib writes after its array headers, are walked too, one level deeper.
 */
final class PickleWalker {
    /** The longest text kept from a string value. */
    static final int KEPT_TEXT = 4096;
    /** The longest protocol-0 argument line. */
    private static final int MAX_LINE = 1 << 20;
    private final ScanLimits limits;

    PickleWalker(ScanLimits limits) {
        this.limits = limits;
    }

    /** A pickle inside another: where it starts in the outer stream, and what walking it found. */
    record Nested(long offset, String how, Walk walk) {
    }

    /**
     * What one walk found. {@code problem} is null when the pickle ran to its {@code STOP};
     * otherwise it says why the walk stopped (and {@code problemOffset} where).
     */
    record Walk(int protocol, List<ImportUse> imports, List<Nested> nested, List<String> notes, String problem,
                long problemOffset, long end) {
        boolean complete() {
            return problem == null;
        }
    }

    /** Walks a pickle that starts at the reader's position, up to its {@code STOP}. */
    Walk walk(ByteReader in, int depth) throws IOException {
        return new Run(in, depth).go();
    }

    /** Walks a pickle held in memory. */
    Walk walk(byte[] pickle, int depth) throws IOException {
        return walk(new ByteReader(new ByteArrayInputStream(pickle)), depth);
    }

    /** One walk's state. */
    private final class Run {
        private final ByteReader in;
        private final int depth;
        private final List<ImportUse> imports = new ArrayList<>();
        private final List<Nested> nested = new ArrayList<>();
        private final List<String> notes = new ArrayList<>();
        private final Deque<List<PickleValue>> metastack = new ArrayDeque<>();
        private final Map<Long, PickleValue> memo = new HashMap<>();
        private List<PickleValue> stack = new ArrayList<>();
        private int protocol;
        private long opStart;

        Run(ByteReader in, int depth) {
            this.in = in;
            this.depth = depth;
        }

        Walk go() throws IOException {
            long ops = 0;
            try {
                while (true) {
                    opStart = in.position();
                    int op = in.read();
                    if (op < 0) {
                        return stopped(ops == 0 ? "the stream is empty" : "the stream ends before the pickle's STOP opcode");
                    }
                    if (++ops > limits.maxOpcodes()) {
                        return stopped("more than " + limits.maxOpcodes() + " opcodes; the rest was not read");
                    }
                    if (op == '.') {
                        return new Walk(protocol, imports, nested, notes, null, -1, in.position());
                    }
                    step(op);
                }
            } catch (EOFException e) {
                return stopped("the stream is cut short: " + e.getMessage());
            } catch (Malformed e) {
                return stopped(e.getMessage());
            }
        }

        private Walk stopped(String why) {
            return new Walk(protocol, imports, nested, notes, why, opStart, in.position());
        }

        private void step(int op) throws IOException {
            switch (op) {
                case 0x80 -> {
                    protocol = in.readByte();
                    if (protocol > 5) {
                        throw new Malformed("unsupported pickle protocol " + protocol);
                    }
                }
                case 0x95 -> in.skip(8); // FRAME: a length hint only
                case '(' -> {
                    metastack.push(stack);
                    stack = new ArrayList<>();
                }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(top());
                case 'N' -> push(Atom.NONE);
                case 0x88 -> push(Atom.TRUE);
                case 0x89 -> push(Atom.FALSE);
                case 'I' -> push(intLine(in.readLine(MAX_LINE)));
                case 'L' -> push(longLine(in.readLine(MAX_LINE)));
                case 'F' -> {
                    in.readLine(MAX_LINE);
                    push(Atom.OTHER);
                }
                case 'J' -> push(new Number((int) in.readLittleEndian(4)));
                case 'K' -> push(new Number(in.readByte()));
                case 'M' -> push(new Number(in.readLittleEndian(2)));
                case 'G' -> {
                    in.skip(8);
                    push(Atom.OTHER);
                }
                case 0x8a -> push(longBytes(in.readByte()));
                case 0x8b -> push(longBytes(length(in.readLittleEndian(4), "LONG4")));
                case 'S' -> push(text(unquote(in.readLine(MAX_LINE))));
                case 'V' -> push(text(PickleText.rawUnicode(in.readLine(MAX_LINE))));
                case 'T' -> push(textPayload(in.readLittleEndian(4), false));
                case 'U' -> push(textPayload(in.readByte(), false));
                case 'X' -> push(textPayload(in.readLittleEndian(4), true));
                case 0x8c -> push(textPayload(in.readByte(), true));
                case 0x8d -> push(textPayload(in.readLittleEndian(8), true));
                case 'B' -> push(bytesPayload(in.readLittleEndian(4)));
                case 'C' -> push(bytesPayload(in.readByte()));
                case 0x8e, 0x96 -> push(bytesPayload(in.readLittleEndian(8)));
                case 0x97, 0x98 -> {
                    if (op == 0x97) {
                        push(Atom.OTHER); // NEXT_BUFFER: an out-of-band buffer the caller supplies
                    }
                }
                case ')' -> push(new Sequence());
                case ']' -> push(new Sequence());
                case '}' -> push(new Mapping());
                case 0x8f -> push(new Sequence());
                case 't', 'l', 0x91 -> push(Sequence.of(popMark()));
                case 0x85, 0x86, 0x87 -> push(Sequence.of(popN(op - 0x84)));
                case 'd' -> push(mapping(popMark()));
                case 'a' -> {
                    PickleValue item = pop();
                    addTo(changed(top()), List.of(item));
                }
                case 'e', 0x90 -> {
                    List<PickleValue> items = popMark();
                    addTo(changed(top()), items);
                }
                case 's' -> {
                    PickleValue value = pop();
                    PickleValue key = pop();
                    if (changed(top()) instanceof Mapping m) {
                        m.put(key, value);
                    }
                }
                case 'u' -> {
                    List<PickleValue> items = popMark();
                    if (changed(top()) instanceof Mapping m) {
                        for (int i = 0; i + 1 < items.size(); i += 2) {
                            m.put(items.get(i), items.get(i + 1));
                        }
                    }
                }
                case 'p' -> memo.put(memoKey(in.readLine(MAX_LINE)), top());
                case 'q' -> memo.put((long) in.readByte(), top());
                case 'r' -> memo.put(in.readLittleEndian(4), top());
                case 0x94 -> memo.put((long) memo.size(), top());
                case 'g' -> push(recall(memoKey(in.readLine(MAX_LINE))));
                case 'h' -> push(recall(in.readByte()));
                case 'j' -> push(recall(in.readLittleEndian(4)));
                case 'c' -> push(imported(line(), line(), "GLOBAL", true));
                case 'i' -> {
                    Import cls = imported(line(), line(), "INST", true);
                    cls.use.called = true;
                    push(new Made(cls, Sequence.of(popMark())));
                }
                case 0x93 -> stackGlobal();
                case 0x82 -> push(extension(in.readByte()));
                case 0x83 -> push(extension(in.readLittleEndian(2)));
                case 0x84 -> push(extension(in.readLittleEndian(4)));
                case 'R' -> {
                    PickleValue args = pop();
                    PickleValue callee = pop();
                    push(call(callee, args));
                }
                case 'o' -> {
                    List<PickleValue> items = popMark();
                    if (items.isEmpty()) {
                        throw new Malformed("OBJ without a class");
                    }
                    push(call(items.get(0), Sequence.of(items.subList(1, items.size()))));
                }
                case 0x81 -> {
                    PickleValue args = pop();
                    push(call(pop(), args));
                }
                case 0x92 -> {
                    pop();
                    PickleValue args = pop();
                    push(call(pop(), args));
                }
                case 'b' -> build(pop());
                case 'P' -> {
                    in.readLine(MAX_LINE);
                    push(Atom.PERSISTENT);
                }
                case 'Q' -> {
                    pop();
                    push(Atom.PERSISTENT);
                }
                default -> throw new Malformed(String.format("byte 0x%02x at offset %d is not a pickle opcode", op, opStart));
            }
        }

        private void push(PickleValue value) {
            if (stack.size() >= limits.maxStack()) {
                throw new Malformed("the pickle's stack grows past " + limits.maxStack() + " items");
            }
            stack.add(value);
        }

        private PickleValue pop() {
            if (stack.isEmpty()) {
                throw new Malformed("an opcode at offset " + opStart + " pops from an empty stack");
            }
            return stack.remove(stack.size() - 1);
        }

        private PickleValue top() {
            if (stack.isEmpty()) {
                throw new Malformed("an opcode at offset " + opStart + " reads from an empty stack");
            }
            return stack.get(stack.size() - 1);
        }

        private List<PickleValue> popN(int n) {
            List<PickleValue> out = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                out.add(0, pop());
            }
            return out;
        }

        private List<PickleValue> popMark() {
            if (metastack.isEmpty()) {
                throw new Malformed("an opcode at offset " + opStart + " needs a MARK that is not there");
            }
            List<PickleValue> items = stack;
            stack = metastack.pop();
            return items;
        }

        private PickleValue recall(long key) {
            PickleValue value = memo.get(key);
            if (value == null) {
                throw new Malformed("memo key " + key + " is read at offset " + opStart + " before it is written");
            }
            return value;
        }

        /** A GLOBAL or INST argument line, read as UTF-8 as Python does. */
        private String line() throws IOException {
            return PickleText.utf8(in.readLine(MAX_LINE));
        }

        private Import imported(String module, String name, String opcode, boolean resolved) {
            ImportUse use = new ImportUse(module, name, opcode, opStart, resolved);
            imports.add(use);
            return new Import(use);
        }

        /** STACK_GLOBAL: module and name are whatever two values are on the stack, which must be text. */
        private void stackGlobal() {
            PickleValue name = pop();
            PickleValue module = pop();
            if (module instanceof Text m && name instanceof Text n && !m.cut() && !n.cut()) {
                push(imported(m.value(), n.value(), "STACK_GLOBAL", true));
                return;
            }
            push(imported(describe(module), describe(name), "STACK_GLOBAL", false));
        }

        private Import extension(long code) {
            return imported("copyreg._extension_registry", "code " + code, "EXT", false);
        }

        private PickleValue call(PickleValue callee, PickleValue args) {
            if (callee instanceof Import i) {
                i.use.called = true;
            } else if (callee instanceof Made m && m.callee instanceof Import inner) {
                // Calling what a call returned: the first call's import is where the danger lies.
                inner.use.called = true;
            }
            return new Made(callee, args);
        }

        /** Marks an imported object that an opcode changes in place (a module's dict, a class's attributes). */
        private PickleValue changed(PickleValue target) {
            if (target instanceof Import i) {
                i.use.patched = true;
            }
            return target;
        }

        private void build(PickleValue state) throws IOException {
            PickleValue target = changed(top());
            if (target instanceof Made made) {
                made.state = state;
                String cls = JoblibArrays.wrapperClass(made);
                if (cls != null) {
                    JoblibArrays.afterHeader(made, in, this::walkInline, notes);
                }
            }
        }

        /** A pickle that follows inline in the same stream (joblib object arrays). */
        private void walkInline(String how) throws IOException {
            long offset = in.position();
            if (depth + 1 > limits.maxDepth()) {
                throw new Malformed("pickles nested deeper than " + limits.maxDepth() + " levels");
            }
            Walk inner = new Run(in, depth + 1).go();
            nested.add(new Nested(offset, how, inner));
            if (!inner.complete()) {
                throw new Malformed("the " + how + " at offset " + offset + " is broken: " + inner.problem());
            }
        }

        private PickleValue textPayload(long n, boolean utf8) throws IOException {
            long size = length(n, "string");
            if (size > KEPT_TEXT) {
                in.skip(size);
                return new Text("", true);
            }
            byte[] raw = in.readFully((int) size);
            return text(new String(raw, utf8 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
        }

        private PickleValue bytesPayload(long n) throws IOException {
            long size = length(n, "byte string");
            long offset = in.position();
            if (size < 4 || depth + 1 > limits.maxDepth() || size > limits.maxNestedPickle()) {
                in.skip(size);
                return new Bytes(size);
            }
            int first = in.peek();
            if (first != 0x80) {
                in.skip(size);
                return new Bytes(size);
            }
            byte[] payload = in.readFully((int) size);
            if (payload[1] >= 2 && payload[1] <= 5) {
                Walk inner = walk(payload, depth + 1);
                // Random bytes that merely start like a pickle fall apart at once: only keep real ones.
                if (inner.complete() || !inner.imports().isEmpty()) {
                    nested.add(new Nested(offset, "pickle inside a byte string", inner));
                }
            }
            return new Bytes(size);
        }

        private long length(long n, String what) {
            if (n < 0 || n > limits.maxPayload()) {
                throw new Malformed("a " + what + " of " + n + " bytes at offset " + opStart + " is past the "
                        + limits.maxPayload() + "-byte limit");
            }
            return n;
        }

        private PickleValue longBytes(long n) throws IOException {
            if (n == 0 || n > 8) {
                in.skip(n);
                return Atom.OTHER;
            }
            byte[] raw = in.readFully((int) n);
            long value = raw[raw.length - 1]; // sign-extended top byte
            for (int i = raw.length - 2; i >= 0; i--) {
                value = (value << 8) | (raw[i] & 0xff);
            }
            return new Number(value);
        }
    }

    private static PickleValue text(String s) {
        return s.length() > KEPT_TEXT ? new Text(s.substring(0, KEPT_TEXT), true) : new Text(s, false);
    }

    private static void addTo(PickleValue target, List<PickleValue> items) {
        if (target instanceof Sequence s) {
            items.forEach(s::add);
        }
        // Appending to something else (an object with its own append) is legal; nothing to keep.
    }

    private static Mapping mapping(List<PickleValue> items) {
        Mapping m = new Mapping();
        for (int i = 0; i + 1 < items.size(); i += 2) {
            m.put(items.get(i), items.get(i + 1));
        }
        return m;
    }

    private static PickleValue intLine(String line) {
        String s = line.strip();
        if (s.equals("00")) {
            return Atom.FALSE;
        }
        if (s.equals("01")) {
            return Atom.TRUE;
        }
        return longLine(s);
    }

    private static PickleValue longLine(String line) {
        String s = line.strip();
        if (s.endsWith("L")) {
            s = s.substring(0, s.length() - 1);
        }
        try {
            return new Number(Long.parseLong(s));
        } catch (NumberFormatException e) {
            if (s.matches("[+-]?\\d+")) {
                return Atom.OTHER;
            }
            throw new Malformed("'" + abbreviate(line) + "' is not an integer");
        }
    }

    private static long memoKey(String line) {
        try {
            return Long.parseLong(line.strip());
        } catch (NumberFormatException e) {
            throw new Malformed("'" + abbreviate(line) + "' is not a memo key");
        }
    }

    /** Protocol 0's STRING argument: a quoted Python literal, escapes resolved as the unpickler does. */
    private static String unquote(String line) {
        String s = PickleText.quoted(line);
        if (s == null) {
            throw new Malformed("the STRING argument " + abbreviate(line) + " is not quoted");
        }
        return s;
    }

    /** How an unresolvable STACK_GLOBAL operand is shown. */
    static String describe(PickleValue value) {
        if (value instanceof Text t) {
            return t.cut() ? "<text of more than " + KEPT_TEXT + " characters>" : t.value();
        }
        if (value instanceof Import i) {
            return "<" + i.use.qualified() + ">";
        }
        if (value instanceof Made m) {
            return "<result of calling " + describe(m.callee) + ">";
        }
        if (value instanceof Number n) {
            return "<number " + n.value() + ">";
        }
        if (value instanceof Bytes) {
            return "<bytes>";
        }
        if (value instanceof Sequence) {
            return "<sequence>";
        }
        if (value instanceof Mapping) {
            return "<dict>";
        }
        return "<" + value.toString().toLowerCase(java.util.Locale.ROOT) + ">";
    }

    static String abbreviate(String s) {
        return s.length() > 60 ? s.substring(0, 60) + "…" : s;
    }

    /** A stream that breaks the pickle format; stops the walk with its message. */
    static final class Malformed extends RuntimeException {
        Malformed(String message) {
            super(message, null, false, false);
        }
    }
}
