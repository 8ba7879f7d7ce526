package dev.braid.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * Makes text from data (commit subjects, author names, run and job names, a remote's error
 * message) safe to print on a terminal: every character a terminal would act on instead of show
 * is written as a visible escape, so a name cannot move the cursor, retitle the window, rewrite
 * the line it is on (CR) or hide text (NUL, bidirectional overrides). JSON output does not pass
 * through here: its encoder already escapes control characters, and its values stay exact.
 *
 * <ul>
 * <li>ESC {@code \e}, CR {@code \r}, NUL {@code \0}, BEL {@code \a}, backspace {@code \b},
 * other C0 controls and DEL as {@code \x1f};</li>
 * <li>C1 controls (U+0080 to U+009F, which some terminals read as ESC sequences: U+009B is CSI)
 * and the bidirectional embedding, override and isolate marks as <code>&#92;u009b</code>;</li>
 * <li>a lone UTF-16 surrogate as <code>&#92;ud800</code>, so two names that differ only there still print
 * differently (an encoder would turn both into {@code ?}).</li>
 * </ul>
 * Line feeds and tabs pass in whole output lines ({@link #writer}); in a single value
 * ({@link #value}) they are escaped as {@code \n} and {@code \t} too, so one value stays one line.
 */
public final class TerminalText {
    private TerminalText() {
    }

    /** {@code text} as one value on one line: control characters, line feeds and tabs escaped. */
    public static String value(String text) {
        return text == null ? null : escape(text, true);
    }

    /** {@code text} as lines of output: control characters escaped, line feeds and tabs kept. */
    public static String lines(String text) {
        return text == null ? null : escape(text, false);
    }

    /** A writer that escapes everything written through it as {@link #lines} does. */
    public static PrintWriter writer(Writer target, boolean autoFlush) {
        return new PrintWriter(new EscapingWriter(target), autoFlush);
    }

    static String escape(String text, boolean oneLine) {
        StringBuilder out = null;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char ch = text.charAt(i);
            String replacement;
            if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                if (out != null) {
                    out.append(ch).append(text.charAt(i + 1));
                }
                i++;
                continue;
            }
            replacement = replacement(ch, oneLine);
            if (replacement == null) {
                if (out != null) {
                    out.append(ch);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(n + 16).append(text, 0, i);
            }
            out.append(replacement);
        }
        return out == null ? text : out.toString();
    }

    /** The visible form of {@code ch}, or null when it is shown as itself. Surrogates reaching here are lone. */
    static String replacement(char ch, boolean oneLine) {
        if (ch >= 0x20 && ch < 0x7f) {
            return null;
        }
        switch (ch) {
            case '\n':
                return oneLine ? "\\n" : null;
            case '\t':
                return oneLine ? "\\t" : null;
            case '\r':
                return "\\r";
            case 0x1b:
                return "\\e";
            case 0:
                return "\\0";
            case 0x07:
                return "\\a";
            case '\b':
                return "\\b";
            default:
                break;
        }
        if (ch < 0x20 || ch == 0x7f) {
            return String.format("\\x%02x", (int) ch);
        }
        if (ch >= 0x80 && ch <= 0x9f || ch >= 0x202a && ch <= 0x202e || ch >= 0x2066 && ch <= 0x2069
                || Character.isSurrogate(ch)) {
            return String.format("\\u%04x", (int) ch);
        }
        return null;
    }

    /** Escapes on the way through, keeping a high surrogate back until its partner (or not) arrives. */
    private static final class EscapingWriter extends FilterWriter {
        private char pendingHigh;

        EscapingWriter(Writer target) {
            super(target);
        }

        @Override
        public void write(int c) throws IOException {
            char ch = (char) c;
            synchronized (lock) {
                if (pendingHigh != 0) {
                    char high = pendingHigh;
                    pendingHigh = 0;
                    if (Character.isLowSurrogate(ch)) {
                        out.write(high);
                        out.write(ch);
                        return;
                    }
                    out.write(replacement(high, false));
                }
                if (Character.isHighSurrogate(ch)) {
                    pendingHigh = ch;
                    return;
                }
                String replacement = replacement(ch, false);
                if (replacement == null) {
                    out.write(ch);
                } else {
                    out.write(replacement);
                }
            }
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            write(new String(chars, offset, length), 0, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            synchronized (lock) {
                int end = offset + length;
                int run = offset;
                for (int i = offset; i < end; i++) {
                    char ch = text.charAt(i);
                    if (pendingHigh == 0 && ch >= 0x20 && ch < 0x7f || ch == '\n' && pendingHigh == 0) {
                        continue;
                    }
                    // Plain text so far goes out in one piece; this character goes the careful way.
                    out.write(text, run, i - run);
                    write(ch);
                    run = i + 1;
                }
                out.write(text, run, end - run);
            }
        }

        @Override
        public void flush() throws IOException {
            synchronized (lock) {
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            synchronized (lock) {
                if (pendingHigh != 0) {
                    out.write(replacement(pendingHigh, false));
                    pendingHigh = 0;
                }
                out.close();
            }
        }
    }
}
