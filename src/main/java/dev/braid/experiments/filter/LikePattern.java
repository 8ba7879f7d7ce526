package dev.braid.experiments.filter;

/**
 * MLflow's SQL store runs LIKE with SQLite's {@code case_sensitive_like} switched on. That pragma
 * holds per connection and Braid shares connections, so a LIKE pattern becomes the equivalent
 * GLOB pattern instead (GLOB is always case-sensitive): {@code %} → {@code *}, {@code _} →
 * {@code ?}, and GLOB's own special characters are made literal with a one-character class.
 * LIKE without ESCAPE has no escape character, so a backslash stays literal in both.
 */
final class LikePattern {
    private LikePattern() {
    }

    static String toGlob(String like) {
        StringBuilder glob = new StringBuilder(like.length() + 8);
        for (int i = 0; i < like.length(); i++) {
            char c = like.charAt(i);
            switch (c) {
                case '%' -> glob.append('*');
                case '_' -> glob.append('?');
                case '*' -> glob.append("[*]");
                case '?' -> glob.append("[?]");
                case '[' -> glob.append("[[]");
                default -> glob.append(c);
            }
        }
        return glob.toString();
    }
}
