package dev.braid.features.git;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the module-level statements of a Python file that matter to definitions: {@code name =
 * expression} assignments and decorated functions. Imports, classes, undecorated functions,
 * control flow and expression statements are skipped; expressions Braid cannot read without
 * running them become {@link PyValue.Opaque}.
 */
final class PyModule {
    private static final java.util.Set<String> STOP = java.util.Set.of(",", ")", "]", "}", ":", "=");
    private final List<PyToken> tokens;
    private final String[] lines;
    private int i;
    private final Map<String, PyValue> bindings = new LinkedHashMap<>();

    private PyModule(String source) {
        this.tokens = PyLexer.tokens(source);
        this.lines = source.split("\n", -1);
    }

    /** The module's top-level bindings, in order; decorated functions are bound to their names. */
    static Map<String, PyValue> read(String source) {
        PyModule module = new PyModule(source);
        module.statements();
        return module.bindings;
    }

    private PyToken peek() {
        return tokens.get(Math.min(i, tokens.size() - 1));
    }

    private PyToken next() {
        return tokens.get(Math.min(i++, tokens.size() - 1));
    }

    private void statements() {
        List<PyValue> decorators = new ArrayList<>();
        while (peek().kind() != PyToken.Kind.END) {
            PyToken first = peek();
            if (first.kind() == PyToken.Kind.NEWLINE || first.column() != 0) {
                skipLine();
                continue;
            }
            if (first.is("@")) {
                next();
                decorators.add(expression());
                skipLine();
                continue;
            }
            if (first.isName("def") || first.isName("async")) {
                function(decorators);
                decorators = new ArrayList<>();
                continue;
            }
            decorators = new ArrayList<>();
            if (first.kind() == PyToken.Kind.NAME && !keyword(first.text())) {
                assignment();
            }
            skipLine();
        }
    }

    private void assignment() {
        int start = i;
        String target = dotted();
        if (peek().is(":")) {
            next();
            expression(); // an annotation
        }
        if (target == null || target.contains(".") || !peek().is("=")) {
            i = start;
            return;
        }
        next();
        bindings.put(target, expression());
    }

    private void function(List<PyValue> decorators) {
        int defLine = peek().line();
        if (peek().isName("async")) {
            next();
        }
        next();
        String name = peek().kind() == PyToken.Kind.NAME ? next().text() : "";
        skipLine();
        int end = defLine;
        while (peek().kind() != PyToken.Kind.END && (peek().column() != 0 || peek().kind() == PyToken.Kind.NEWLINE)) {
            end = Math.max(end, peek().line());
            skipLine();
        }
        StringBuilder body = new StringBuilder();
        for (int l = defLine; l <= Math.min(end, lines.length); l++) {
            body.append(lines[l - 1].stripTrailing()).append('\n');
        }
        if (!decorators.isEmpty() && !name.isEmpty()) {
            bindings.put(name, new PyValue.Function(name, List.copyOf(decorators), body.toString()));
        }
    }

    private void skipLine() {
        while (peek().kind() != PyToken.Kind.NEWLINE && peek().kind() != PyToken.Kind.END) {
            next();
        }
        if (peek().kind() == PyToken.Kind.NEWLINE) {
            next();
        }
    }

    private String dotted() {
        if (peek().kind() != PyToken.Kind.NAME) {
            return null;
        }
        StringBuilder out = new StringBuilder(next().text());
        while (peek().is(".") && tokens.get(i + 1).kind() == PyToken.Kind.NAME) {
            next();
            out.append('.').append(next().text());
        }
        return out.toString();
    }

    /** One expression; anything past a plain value (operators, comprehensions, lambdas) makes it opaque. */
    PyValue expression() {
        PyValue value = postfix(primary());
        if (atEnd()) {
            return value;
        }
        skipExpression();
        return new PyValue.Opaque();
    }

    private boolean atEnd() {
        PyToken t = peek();
        return t.kind() == PyToken.Kind.NEWLINE || t.kind() == PyToken.Kind.END || t.kind() == PyToken.Kind.OP && STOP.contains(t.text());
    }

    /** Skips to the end of the current expression, keeping brackets balanced. */
    private void skipExpression() {
        int depth = 0;
        while (peek().kind() != PyToken.Kind.END) {
            PyToken t = peek();
            if (depth == 0 && (t.kind() == PyToken.Kind.NEWLINE || t.is(",") || t.is(")") || t.is("]") || t.is("}"))) {
                return;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
            next();
        }
    }

    private PyValue primary() {
        PyToken t = peek();
        switch (t.kind()) {
            case STRING -> {
                StringBuilder s = new StringBuilder();
                while (peek().kind() == PyToken.Kind.STRING) {
                    s.append(next().text());
                }
                return new PyValue.Str(s.toString());
            }
            case NUMBER -> {
                return new PyValue.Num(next().text());
            }
            case NAME -> {
                if (keyword(t.text()) && !t.text().equals("None") && !t.text().equals("True") && !t.text().equals("False")) {
                    return new PyValue.Opaque();
                }
                return new PyValue.Name(dotted());
            }
            case OP -> {
                if (t.is("-") && tokens.get(i + 1).kind() == PyToken.Kind.NUMBER) {
                    next();
                    return new PyValue.Num("-" + next().text());
                }
                if (t.is("(") || t.is("[")) {
                    String close = t.is("(") ? ")" : "]";
                    next();
                    return new PyValue.Items(items(close));
                }
                if (t.is("{")) {
                    next();
                    return dict();
                }
                return new PyValue.Opaque();
            }
            default -> {
                return new PyValue.Opaque();
            }
        }
    }

    private PyValue postfix(PyValue value) {
        while (true) {
            if (peek().is("(")) {
                next();
                value = call(value);
            } else if (peek().is("[")) {
                next();
                List<PyValue> index = items("]");
                value = new PyValue.Subscript(value, index.size() == 1 ? index.get(0) : new PyValue.Items(index));
            } else if (peek().is(".") && tokens.get(i + 1).kind() == PyToken.Kind.NAME) {
                next();
                String attr = next().text();
                value = value instanceof PyValue.Name n ? new PyValue.Name(n.dotted() + "." + attr) : new PyValue.Opaque();
            } else {
                return value;
            }
        }
    }

    private PyValue call(PyValue function) {
        List<PyValue> args = new ArrayList<>();
        Map<String, PyValue> kwargs = new LinkedHashMap<>();
        while (!peek().is(")") && peek().kind() != PyToken.Kind.END) {
            if (peek().is("*") || peek().is("**")) {
                next();
                expression();
            } else if (peek().kind() == PyToken.Kind.NAME && tokens.get(i + 1).is("=")) {
                String key = next().text();
                next();
                kwargs.put(key, expression());
            } else {
                args.add(expression());
            }
            if (!comma(")")) {
                break;
            }
        }
        expect(")");
        return new PyValue.Call(function, args, kwargs);
    }

    private List<PyValue> items(String close) {
        List<PyValue> out = new ArrayList<>();
        while (!peek().is(close) && peek().kind() != PyToken.Kind.END) {
            out.add(expression());
            if (peek().isName("for")) {
                skipTo(close);
                return List.of(new PyValue.Opaque());
            }
            if (!comma(close)) {
                break;
            }
        }
        expect(close);
        return out;
    }

    private PyValue dict() {
        List<Map.Entry<PyValue, PyValue>> entries = new ArrayList<>();
        List<PyValue> set = new ArrayList<>();
        while (!peek().is("}") && peek().kind() != PyToken.Kind.END) {
            PyValue key = expression();
            if (peek().is(":")) {
                next();
                entries.add(Map.entry(key, expression()));
            } else {
                set.add(key);
            }
            if (peek().isName("for")) {
                skipTo("}");
                return new PyValue.Opaque();
            }
            if (!comma("}")) {
                break;
            }
        }
        expect("}");
        return set.isEmpty() ? new PyValue.Dict(entries) : new PyValue.Items(set);
    }

    /** Consumes a comma; false when the list ends here instead. */
    private boolean comma(String close) {
        if (peek().is(",")) {
            next();
            return true;
        }
        if (!peek().is(close)) {
            skipTo(close);
        }
        return false;
    }

    private void skipTo(String close) {
        int depth = 0;
        while (peek().kind() != PyToken.Kind.END) {
            PyToken t = peek();
            if (depth == 0 && t.is(close)) {
                return;
            }
            if (t.is("(") || t.is("[") || t.is("{")) {
                depth++;
            } else if (t.is(")") || t.is("]") || t.is("}")) {
                depth--;
            }
            next();
        }
    }

    private void expect(String close) {
        if (peek().is(close)) {
            next();
        }
    }

    private static boolean keyword(String word) {
        return switch (word) {
            case "import", "from", "if", "elif", "else", "for", "while", "try", "except", "finally", "with", "class", "def",
                    "return", "pass", "raise", "del", "global", "nonlocal", "assert", "lambda", "not", "and", "or", "in",
                    "is", "yield", "await", "async", "break", "continue", "None", "True", "False" -> true;
            default -> false;
        };
    }
}
