package dev.braid.security.scan;

import java.nio.charset.StandardCharsets;

/**
 * Decodes protocol 0's text arguments as Python's unpickler does, so a name spelled with escapes
 * ({@code S'\x6fs'}, {@code V\u006fs}) is the name it becomes on load. Input strings hold the raw
 * bytes as Latin-1 characters.
 */
final class PickleText {
    private PickleText() {
    }

    /** GLOBAL and INST arguments: the line's bytes as UTF-8. */
    static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    /** STRING's quoted literal, with {@code codecs.escape_decode}'s escapes resolved; null when not quoted. */
    static String quoted(String line) {
        String s = line.strip();
        if (s.length() < 2 || (s.charAt(0) != '\'' && s.charAt(0) != '"') || s.charAt(s.length() - 1) != s.charAt(0)) {
            return null;
        }
        return escapes(s.substring(1, s.length() - 1));
    }

    /** UNICODE's argument ({@code raw-unicode-escape}): {@code \\uXXXX} and {@code \\UXXXXXXXX} resolved. */
    static String rawUnicode(String latin1) {
        if (latin1.indexOf('\\') < 0) {
            return latin1;
        }
        StringBuilder out = new StringBuilder(latin1.length());
        for (int i = 0; i < latin1.length(); i++) {
            char c = latin1.charAt(i);
            int digits = c == '\\' && i + 1 < latin1.length() ? switch (latin1.charAt(i + 1)) {
                case 'u' -> 4;
                case 'U' -> 8;
                default -> 0;
            } : 0;
            if (digits > 0 && i + 2 + digits <= latin1.length() && isHex(latin1, i + 2, digits)) {
                out.appendCodePoint(Integer.parseUnsignedInt(latin1.substring(i + 2, i + 2 + digits), 16));
                i += 1 + digits;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String escapes(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\' || i + 1 == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(++i);
            switch (e) {
                case '\\', '\'', '"' -> out.append(e);
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'a' -> out.append('\u0007');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'v' -> out.append('\u000b');
                case '\n' -> { } // a line continuation
                case 'x' -> {
                    if (isHex(s, i + 1, 2)) {
                        out.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                        i += 2;
                    } else {
                        out.append("\\x");
                    }
                }
                default -> {
                    if (e >= '0' && e <= '7') {
                        int end = i;
                        while (end < s.length() && end < i + 3 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                            end++;
                        }
                        out.append((char) (Integer.parseInt(s.substring(i, end), 8) & 0xff));
                        i = end - 1;
                    } else {
                        out.append('\\').append(e);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isHex(String s, int from, int count) {
        if (from + count > s.length()) {
            return false;
        }
        for (int i = from; i < from + count; i++) {
            if (Character.digit(s.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }
}
