package dev.braid.security.scan;

/**
 * How far a scan goes before it reports a {@link FindingKind#LIMIT} finding instead of reading
 * on, so a zip bomb, a pickle of a billion opcodes or an archive nested a hundred deep is a
 * finding, never a crash or an endless scan.
 *
 * @param maxOpcodes       opcodes walked in one pickle
 * @param maxStack         items on a pickle's stack (or one MARK's frame)
 * @param maxPayload       bytes in one string or byte string of a pickle
 * @param maxNestedPickle  bytes of an embedded byte string that is walked as a pickle
 * @param maxDepth         levels of nesting: archives in archives, pickles in pickles
 * @param maxMembers       members of one archive
 * @param maxMemberBytes   bytes read from one archive member (decompressed)
 * @param maxExpandedBytes bytes decompressed from one file in total, all members and levels
 * @param maxRatio         decompressed ÷ compressed size of a member before it counts as a bomb
 * @param maxHeaderBytes   bytes of a JSON header or config (safetensors, Keras, npy)
 */
public record ScanLimits(long maxOpcodes, int maxStack, long maxPayload, long maxNestedPickle, int maxDepth,
                         int maxMembers, long maxMemberBytes, long maxExpandedBytes, long maxRatio,
                         int maxHeaderBytes) {
    private static final long MB = 1024L * 1024;
    /** The limits Braid scans with: far above real models, far below what hurts the machine. */
    public static final ScanLimits STANDARD = new ScanLimits(500_000_000L, 10_000_000, 64L * 1024 * MB,
            256 * MB, 6, 100_000, 4096 * MB, 16L * 1024 * MB, 1_000, 100 * (int) MB);

    public ScanLimits {
        if (maxOpcodes < 1 || maxStack < 1 || maxPayload < 1 || maxNestedPickle < 1 || maxDepth < 1 || maxMembers < 1
                || maxMemberBytes < 1 || maxExpandedBytes < 1 || maxRatio < 1 || maxHeaderBytes < 1) {
            throw new IllegalArgumentException("every scan limit must be positive");
        }
    }

    /** The same limits with a different cap on decompressed bytes (tests make small bombs). */
    public ScanLimits withExpanded(long memberBytes, long expandedBytes, long ratio) {
        return new ScanLimits(maxOpcodes, maxStack, maxPayload, maxNestedPickle, maxDepth, maxMembers, memberBytes,
                expandedBytes, ratio, maxHeaderBytes);
    }
}
