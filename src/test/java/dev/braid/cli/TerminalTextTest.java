package dev.braid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class TerminalTextTest {
    @Test
    void controlCharactersBecomeVisibleEscapes() {
        assertEquals("\\e[31mred\\e[0m", TerminalText.value("\u001b[31mred\u001b[0m"));
        assertEquals("\\e]0;owned\\a", TerminalText.value("\u001b]0;owned\u0007"), "OSC: retitling the window");
        assertEquals("real\\rfake", TerminalText.value("real\rfake"), "CR: rewriting the line");
        assertEquals("a\\0b\\x7fc\\x01", TerminalText.value("a\u0000b\u007fc\u0001"));
        assertEquals("\\u009b2J", TerminalText.value("\u009b2J"), "C1 CSI, which some terminals obey");
        assertEquals("abc\\u202edef", TerminalText.value("abc\u202edef"), "a bidirectional override");
        assertEquals("ok é 漢字 😀", TerminalText.value("ok é 漢字 😀"), "ordinary text is left alone");
    }

    @Test
    void lineBreaksAndTabsStayInLinesButNotInOneValue() {
        assertEquals("a\nb\tc", TerminalText.lines("a\nb\tc"));
        assertEquals("a\\nb\\tc", TerminalText.value("a\nb\tc"));
    }

    @Test
    void loneSurrogatesStayDistinct() {
        String a = TerminalText.value("name\ud800");
        String b = TerminalText.value("name\udfff");
        assertEquals("name\\ud800", a);
        assertEquals("name\\udfff", b);
        assertNotEquals(a, b);
    }

    @Test
    void theWriterEscapesAcrossWritesAndKeepsSurrogatePairsWhole() {
        StringWriter target = new StringWriter();
        PrintWriter out = TerminalText.writer(target, false);
        out.print("x\u001b");
        out.print("[2J\ud83d");
        out.print("\ude00 and \ud800");
        out.println(" end\r");
        out.close();
        assertEquals("x\\e[2J😀 and \\ud800 end\\r" + System.lineSeparator(), target.toString());
    }
}
