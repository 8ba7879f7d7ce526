package dev.braid.pipelines;

/**
 * A job's log text. {@code truncated} when only its end was kept (the cap in Settings);
 * {@code fetchedAt} is epoch ms.
 */
public record JobLog(String text, boolean truncated, long fetchedAt) {
}
