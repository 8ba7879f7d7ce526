package dev.braid.security.env;

/**
 * One difference between two environments.
 *
 * @param subject what differs: {@code python}, a flavour ({@code flavour sklearn}) or a package name
 * @param left    its value on the first side (null when absent)
 * @param right   its value on the second side (null when absent)
 */
public record Difference(Severity severity, String subject, String left, String right, String message) {
}
