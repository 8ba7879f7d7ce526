package dev.braid.pipelines.definitions;

import java.util.ArrayList;
import java.util.List;

/**
 * The block structure of a Groovy script such as a Jenkinsfile, without evaluating it: every
 * {@code name { ... }} and {@code name(args) { ... }} with the first string literal of its
 * arguments. Comments and string contents never open or close a block.
 */
final class GroovyBlocks {
    /** One block; {@code argument} is its first string argument ({@code stage('Build')} → Build), or empty. */
    record Block(String name, String argument, boolean interpolated, List<Block> children) {
        List<Block> named(String wanted) {
            return children.stream().filter(b -> b.name.equals(wanted)).toList();
        }

        Block first(String wanted) {
            return children.stream().filter(b -> b.name.equals(wanted)).findFirst().orElse(null);
        }
    }

    private final String text;
    private int pos;

    private GroovyBlocks(String text) {
        this.text = text;
    }

    /** The top-level blocks of {@code script}. */
    static List<Block> parse(String script) {
        GroovyBlocks parser = new GroovyBlocks(script);
        Block root = new Block("", "", false, new ArrayList<>());
        parser.blockBody(root, 0);
        return root.children();
    }

    private static final int MAX_DEPTH = 200;

    /** Reads until the closing brace of the current block (or the end), adding child blocks. */
    private void blockBody(Block into, int depth) {
        String lastWord = null;
        String argument = "";
        boolean interpolated = false;
        boolean sawArgs = false;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            } else if (c == '/' && peek(1) == '/') {
                skipTo("\n");
            } else if (c == '/' && peek(1) == '*') {
                pos += 2;
                skipTo("*/");
                pos += 2;
            } else if (c == '\'' || c == '"') {
                String[] literal = string();
                if (lastWord != null && argument.isEmpty()) {
                    // stage 'name' (old syntax) or the first argument inside parentheses
                    argument = literal[0];
                    interpolated = literal[1] != null;
                    if (!sawArgs && lastWord.equals("stage")) {
                        into.children().add(new Block("stage", argument, interpolated, new ArrayList<>()));
                        lastWord = null;
                        argument = "";
                    }
                }
            } else if (Character.isJavaIdentifierStart(c)) {
                int start = pos;
                while (pos < text.length() && Character.isJavaIdentifierPart(text.charAt(pos))) {
                    pos++;
                }
                lastWord = text.substring(start, pos);
                argument = "";
                interpolated = false;
                sawArgs = false;
            } else if (c == '(') {
                pos++;
                String[] first = parenthesised();
                if (lastWord != null) {
                    argument = first[0];
                    interpolated = first[1] != null;
                    sawArgs = true;
                }
            } else if (c == '{') {
                pos++;
                Block child = new Block(lastWord == null ? "" : lastWord, argument, interpolated, new ArrayList<>());
                if (depth < MAX_DEPTH) {
                    blockBody(child, depth + 1);
                } else {
                    skipBlock();
                }
                into.children().add(child);
                lastWord = null;
                argument = "";
                sawArgs = false;
            } else if (c == '}') {
                pos++;
                return;
            } else {
                if (c != '.' && c != ':' && c != ',') {
                    lastWord = null;
                    sawArgs = false;
                }
                pos++;
            }
        }
    }

    /** Skips to the matching ')' (nested ones and strings included); returns the first string literal inside. */
    private String[] parenthesised() {
        String[] first = {"", null};
        boolean found = false;
        int depth = 1;
        while (pos < text.length() && depth > 0) {
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                String[] literal = string();
                if (!found) {
                    first = literal;
                    found = true;
                }
            } else if (c == '/' && peek(1) == '/') {
                skipTo("\n");
            } else if (c == '/' && peek(1) == '*') {
                pos += 2;
                skipTo("*/");
                pos += 2;
            } else {
                if (c == '(') {
                    depth++;
                } else if (c == ')') {
                    depth--;
                }
                pos++;
            }
        }
        return first;
    }

    private void skipBlock() {
        int depth = 1;
        while (pos < text.length() && depth > 0) {
            char c = text.charAt(pos);
            if (c == '\'' || c == '"') {
                string();
                continue;
            }
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
            pos++;
        }
    }

    /** A string literal at {@code pos}: {text, non-null when it interpolates {@code ${...}}}. */
    private String[] string() {
        char quote = text.charAt(pos);
        boolean triple = peek(1) == quote && peek(2) == quote;
        String end = triple ? String.valueOf(quote).repeat(3) : String.valueOf(quote);
        pos += end.length();
        StringBuilder out = new StringBuilder();
        while (pos < text.length() && !text.startsWith(end, pos)) {
            char c = text.charAt(pos);
            if (c == '\\' && pos + 1 < text.length()) {
                out.append(text.charAt(pos + 1));
                pos += 2;
                continue;
            }
            if (!triple && c == '\n') {
                break; // an unterminated single-line string: stop at the line's end
            }
            out.append(c);
            pos++;
        }
        pos = Math.min(text.length(), pos + end.length());
        String value = out.toString();
        return new String[] {value, quote == '"' && value.contains("$") ? "interpolated" : null};
    }

    private void skipTo(String end) {
        int at = text.indexOf(end, pos);
        pos = at < 0 ? text.length() : at;
    }

    private char peek(int ahead) {
        return pos + ahead < text.length() ? text.charAt(pos + ahead) : '\0';
    }
}
