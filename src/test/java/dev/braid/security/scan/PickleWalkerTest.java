package dev.braid.security.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The opcode walker on hand-assembled streams: what it resolves, what it marks as called, where it stops. */
class PickleWalkerTest {
    private final PickleWalker walker = new PickleWalker(ScanLimits.STANDARD);

    @Test
    void stackGlobalIsResolvedThroughTheMemo() throws Exception {
        byte[] pickle = new Ops().proto(4).text("os").op(0x94).op('0').text("system").op('q', 9).op('0')
                .op('h', 0).op('h', 9).op(0x93).op(')').op('R').op('.').bytes();
        PickleWalker.Walk walk = walker.walk(pickle, 0);
        assertTrue(walk.complete(), walk.problem());
        assertEquals(List.of("os.system"), names(walk));
        assertTrue(walk.imports().get(0).called);
        assertTrue(walk.imports().get(0).resolved);
    }

    @Test
    void computedNamesAreUnresolvedButKeepTheirCall() throws Exception {
        byte[] pickle = new Ops().proto(4).global("_codecs", "decode").op('(').text("bf").text("rot13").op('t').op('R')
                .text("system").op(0x93).op(')').op('R').op('.').bytes();
        PickleWalker.Walk walk = walker.walk(pickle, 0);
        ImportUse computed = walk.imports().get(1);
        assertFalse(computed.resolved);
        assertEquals("<result of calling <_codecs.decode>>", computed.module);
        assertTrue(computed.called);
    }

    @Test
    void instObjNewobjAndNewobjExAllCall() throws Exception {
        byte[] inst = "(S'x'\nios\nsystem\n.".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(walker.walk(inst, 0).imports().get(0).called);
        byte[] obj = new Ops().op('(').global("subprocess", "call").text("x").op('o').op('.').bytes();
        assertTrue(walker.walk(obj, 0).imports().get(0).called);
        byte[] newobjEx = new Ops().proto(4).global("a", "B").op(')').op('}').op(0x92).op('.').bytes();
        assertTrue(walker.walk(newobjEx, 0).imports().get(0).called);
        byte[] referenced = new Ops().proto(2).global("a", "B").op(0x85).op('.').bytes();
        assertFalse(walker.walk(referenced, 0).imports().get(0).called);
    }

    @Test
    void changingAnImportedObjectInPlaceIsMarked() throws Exception {
        byte[] pickle = new Ops().proto(2).global("collections", "OrderedDict").op('N').op('}').op(0x86).op('b')
                .op('.').bytes();
        assertTrue(walker.walk(pickle, 0).imports().get(0).patched);
    }

    @Test
    void extensionCodesAreUnresolvedImports() throws Exception {
        PickleWalker.Walk walk = walker.walk(new Ops().proto(2).op(0x83).raw(0x39, 0x30).op(')').op('R').op('.').bytes(), 0);
        assertEquals("EXT", walk.imports().get(0).opcode);
        assertEquals("code 12345", walk.imports().get(0).name);
        assertFalse(walk.imports().get(0).resolved);
    }

    @Test
    void aPickleInsideAByteStringIsWalked() throws Exception {
        byte[] inner = new Ops().proto(2).global("posix", "system").op(')').op('R').op('.').bytes();
        Ops outer = new Ops().proto(3).op('C', inner.length).raw(inner).op('.');
        PickleWalker.Walk walk = walker.walk(outer.bytes(), 0);
        assertEquals(1, walk.nested().size());
        assertEquals(List.of("posix.system"), names(walk.nested().get(0).walk()));
        assertEquals(4, walk.nested().get(0).offset());
    }

    @Test
    void truncationsAndBadOpcodesStopTheWalkWithAReason() throws Exception {
        byte[] full = new Ops().proto(2).global("posix", "system").op(')').op('R').op('.').bytes();
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 2);
        PickleWalker.Walk walk = walker.walk(cut, 0);
        assertFalse(walk.complete());
        assertEquals(List.of("posix.system"), names(walk));
        PickleWalker.Walk bad = walker.walk(new byte[] {(byte) 0x80, 2, (byte) 0xff}, 0);
        assertTrue(bad.problem().contains("0xff"), bad.problem());
        PickleWalker.Walk memo = walker.walk(new Ops().proto(2).op('h', 3).op('.').bytes(), 0);
        assertTrue(memo.problem().contains("memo key 3"), memo.problem());
        PickleWalker.Walk empty = walker.walk(new Ops().proto(2).op('R').op('.').bytes(), 0);
        assertTrue(empty.problem().contains("empty stack"), empty.problem());
    }

    @Test
    void protocolZeroEscapesAreDecodedAsPythonDoes() throws Exception {
        byte[] pickle = "S'\\x6fs'\nVsys\\u0074em\n\u0093.".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(List.of("os.system"), names(walker.walk(pickle, 0)));
    }

    @Test
    void limitsEndTheWalkInsteadOfTheMachine() throws Exception {
        PickleWalker small = new PickleWalker(new ScanLimits(10, 100, 1 << 20, 1 << 20, 4, 10, 1 << 20, 1 << 20, 10, 1 << 20));
        Ops many = new Ops().proto(2);
        for (int i = 0; i < 20; i++) {
            many.op('N');
        }
        PickleWalker.Walk walk = small.walk(many.op('.').bytes(), 0);
        assertTrue(walk.problem().contains("more than 10 opcodes"), walk.problem());
        Ops huge = new Ops().proto(4).op(0x8e).raw(0, 0, 0, 0, 0, 0, 0, 0x10);
        assertTrue(walker.walk(huge.bytes(), 0).problem().contains("limit"));
    }

    @Test
    void benignDataHasNoImports() throws Exception {
        byte[] pickle = new Ops().proto(2).op('}').text("k").op('K', 1).op('s').op('.').bytes();
        PickleWalker.Walk walk = walker.walk(pickle, 0);
        assertNull(walk.problem());
        assertTrue(walk.imports().isEmpty());
    }

    private static List<String> names(PickleWalker.Walk walk) {
        return walk.imports().stream().map(ImportUse::qualified).toList();
    }

    /** Assembles opcodes. */
    static final class Ops {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Ops proto(int n) {
            return raw(0x80, n);
        }

        Ops op(int opcode, int... args) {
            out.write(opcode);
            for (int a : args) {
                out.write(a);
            }
            return this;
        }

        Ops raw(int... bytes) {
            for (int b : bytes) {
                out.write(b);
            }
            return this;
        }

        Ops raw(byte[] bytes) {
            out.writeBytes(bytes);
            return this;
        }

        Ops text(String s) {
            byte[] b = s.getBytes(StandardCharsets.UTF_8);
            return op(0x8c, b.length).raw(b);
        }

        Ops global(String module, String name) {
            return op('c').raw((module + "\n" + name + "\n").getBytes(StandardCharsets.UTF_8));
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
