package dev.braid.app;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks credentials before text reaches a log file: passwords and tokens inside URLs, HTTP
 * authorisation values and {@code key=value} pairs whose key names a secret. A backstop only;
 * code should not log secrets in the first place.
 */
public final class LogRedactor {
    static final String MASK = "***";
    private static final List<Rule> RULES = List.of(
            new Rule(Pattern.compile("([a-zA-Z][a-zA-Z0-9+.-]*://)[^/@\\s]+@"), "$1" + MASK + "@"),
            // Only token-like values (long, with a digit or symbol): "basic authentication" stays readable.
            new Rule(Pattern.compile("(?i)\\b(bearer|basic)\\s+(?=[A-Za-z0-9._~+/=-]*[0-9+/=._~-])[A-Za-z0-9._~+/=-]{12,}"),
                    "$1 " + MASK),
            new Rule(Pattern.compile("(?i)\\b([a-z_.-]*(?:password|passwd|secret|token|api[_-]?key|credential)[a-z_]*)"
                    + "(\\s*[=:]\\s*)(\"[^\"]*\"|'[^']*'|[^\\s,;&]+)"), "$1$2" + MASK));

    private LogRedactor() {
    }

    /** {@code text} with anything that looks like a credential replaced by {@value #MASK}. */
    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String result = text;
        for (Rule rule : RULES) {
            result = rule.pattern().matcher(result).replaceAll(rule.replacement());
        }
        return result;
    }

    private record Rule(Pattern pattern, String replacement) {
        Rule {
            // Replacement strings are fixed; quoting the mask keeps '$' or '\' in it literal.
            replacement = replacement.replace(MASK, Matcher.quoteReplacement(MASK));
        }
    }
}
