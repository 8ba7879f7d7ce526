package dev.braid.pipelines;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a log line with ANSI SGR escapes ({@code ESC[31;1m}) into runs of text with their colour
 * (0–7 normal, 8–15 bright, -1 default) and boldness; other escapes (cursor moves, GitLab's
 * {@code ESC[0K} section markers) are dropped.
 */
public final class AnsiText {
    /** A stretch of text in one style. */
    public record Span(String text, int colour, boolean bold) {
    }

    private AnsiText() {
    }

    public static List<Span> parse(String line) {
        List<Span> out = new ArrayList<>();
        int colour = -1;
        boolean bold = false;
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (ch == '\u001b' && i + 1 < line.length() && line.charAt(i + 1) == '[') {
                int end = i + 2;
                while (end < line.length() && !Character.isLetter(line.charAt(end))) {
                    end++;
                }
                if (end >= line.length()) {
                    break;
                }
                if (line.charAt(end) == 'm') {
                    if (text.length() > 0) {
                        out.add(new Span(text.toString(), colour, bold));
                        text.setLength(0);
                    }
                    for (String code : line.substring(i + 2, end).split(";", -1)) {
                        int n = code.isEmpty() ? 0 : number(code);
                        if (n == 0) {
                            colour = -1;
                            bold = false;
                        } else if (n == 1) {
                            bold = true;
                        } else if (n == 22) {
                            bold = false;
                        } else if (n >= 30 && n <= 37) {
                            colour = n - 30;
                        } else if (n >= 90 && n <= 97) {
                            colour = n - 90 + 8;
                        } else if (n == 39) {
                            colour = -1;
                        }
                    }
                }
                i = end;
            } else if (ch != '\r') {
                text.append(ch);
            }
        }
        if (text.length() > 0) {
            out.add(new Span(text.toString(), colour, bold));
        }
        return out;
    }

    /** The line without escapes, for searching. */
    public static String plain(String line) {
        StringBuilder out = new StringBuilder();
        parse(line).forEach(s -> out.append(s.text()));
        return out.toString();
    }

    private static int number(String code) {
        try {
            return Integer.parseInt(code);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The index of the line where a failure is reported (the first error after which the job ended), or -1. */
    public static int failingLine(List<String> plainLines) {
        for (int i = plainLines.size() - 1; i >= 0; i--) {
            String l = plainLines.get(i).toLowerCase(java.util.Locale.ROOT);
            if (l.contains("error") || l.contains("failed") || l.contains("failure") || l.contains("exception")
                    || l.contains("traceback")) {
                int first = i;
                // Walk back to where this block of error lines starts.
                while (first > 0 && first > i - 40) {
                    String p = plainLines.get(first - 1).toLowerCase(java.util.Locale.ROOT);
                    if (p.contains("error") || p.contains("traceback") || p.contains("exception") || p.startsWith("  ")) {
                        first--;
                    } else {
                        break;
                    }
                }
                return first;
            }
        }
        return -1;
    }
}
