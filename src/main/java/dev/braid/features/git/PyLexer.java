package dev.braid.features.git;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits Python source into {@link PyToken}s: enough of Python's lexical rules for definition
 * files (comments, every string form including triple-quoted and prefixed ones, implicit line
 * joining inside brackets, backslash continuations). It never evaluates anything.
 */
final class PyLexer {
    private static final String[] OPERATORS = {"**=", "//=", ">>=", "<<=", "...", "->", ":=", "**", "//", "==", "!=", "<=",
            ">=", "<<", ">>", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "@="};
    private final String src;
    private int pos;
    private int line = 1;
    private int depth;
    private boolean lineStart = true;
    private int indent;

    private PyLexer(String src) {
        this.src = src;
    }

    static List<PyToken> tokens(String source) {
        return new PyLexer(source).run();
    }

    private List<PyToken> run() {
        List<PyToken> out = new ArrayList<>();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (lineStart) {
                indent = 0;
                while (pos < src.length() && (src.charAt(pos) == ' ' || src.charAt(pos) == '\t')) {
                    indent += src.charAt(pos) == '\t' ? 8 - indent % 8 : 1;
                    pos++;
                }
                lineStart = false;
                continue;
            }
            if (c == '\n') {
                pos++;
                line++;
                if (depth == 0) {
                    if (!out.isEmpty() && out.get(out.size() - 1).kind() != PyToken.Kind.NEWLINE) {
                        out.add(new PyToken(PyToken.Kind.NEWLINE, "", line - 1, 0));
                    }
                    lineStart = true;
                }
            } else if (c == '\\' && pos + 1 < src.length() && src.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < src.length() && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '_')) {
                    pos++;
                }
                String word = src.substring(start, pos);
                if (pos < src.length() && (src.charAt(pos) == '"' || src.charAt(pos) == '\'')
                        && word.length() <= 3 && word.toLowerCase().matches("[rbuf]{1,3}")) {
                    out.add(token(PyToken.Kind.STRING, string(word.toLowerCase().contains("r")), start));
                } else {
                    out.add(token(PyToken.Kind.NAME, word, start));
                }
            } else if (Character.isDigit(c) || c == '.' && pos + 1 < src.length() && Character.isDigit(src.charAt(pos + 1))) {
                int start = pos;
                while (pos < src.length() && (Character.isLetterOrDigit(src.charAt(pos)) || src.charAt(pos) == '.'
                        || src.charAt(pos) == '_' || (src.charAt(pos) == '-' || src.charAt(pos) == '+')
                        && (src.charAt(pos - 1) == 'e' || src.charAt(pos - 1) == 'E'))) {
                    pos++;
                }
                out.add(token(PyToken.Kind.NUMBER, src.substring(start, pos).replace("_", ""), start));
            } else if (c == '"' || c == '\'') {
                int start = pos;
                out.add(token(PyToken.Kind.STRING, string(false), start));
            } else {
                int start = pos;
                String op = operator();
                if (op.equals("(") || op.equals("[") || op.equals("{")) {
                    depth++;
                } else if ((op.equals(")") || op.equals("]") || op.equals("}")) && depth > 0) {
                    depth--;
                }
                out.add(token(PyToken.Kind.OP, op, start));
            }
        }
        if (!out.isEmpty() && out.get(out.size() - 1).kind() != PyToken.Kind.NEWLINE) {
            out.add(new PyToken(PyToken.Kind.NEWLINE, "", line, 0));
        }
        out.add(new PyToken(PyToken.Kind.END, "", line, 0));
        return out;
    }

    private PyToken token(PyToken.Kind kind, String text, int start) {
        boolean first = start == 0 || isLineStartBefore(start);
        return new PyToken(kind, text, line, first ? indent : -1);
    }

    private boolean isLineStartBefore(int start) {
        for (int i = start - 1; i >= 0; i--) {
            char c = src.charAt(i);
            if (c == '\n') {
                return true;
            }
            if (c != ' ' && c != '\t') {
                return false;
            }
        }
        return true;
    }

    private String operator() {
        for (String op : OPERATORS) {
            if (src.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        return String.valueOf(src.charAt(pos++));
    }

    /** Reads a string literal at {@code pos}; returns its value with simple escapes applied unless raw. */
    private String string(boolean raw) {
        char quote = src.charAt(pos);
        boolean triple = src.startsWith(String.valueOf(quote).repeat(3), pos);
        pos += triple ? 3 : 1;
        StringBuilder out = new StringBuilder();
        while (pos < src.length()) {
            char c = src.charAt(pos);
            if (triple ? src.startsWith(String.valueOf(quote).repeat(3), pos) : c == quote) {
                pos += triple ? 3 : 1;
                return out.toString();
            }
            if (c == '\n') {
                line++;
                if (!triple) {
                    return out.toString(); // an unterminated string ends with its line
                }
            }
            if (c == '\\' && pos + 1 < src.length() && !raw) {
                char next = src.charAt(pos + 1);
                out.append(switch (next) {
                    case 'n' -> '\n';
                    case 't' -> '\t';
                    default -> next;
                });
                if (next == '\n') {
                    line++;
                }
                pos += 2;
                continue;
            }
            out.append(c);
            pos++;
        }
        return out.toString();
    }
}
