package dev.braid.experiments;

/** A cached run that a typed reference (an id, a prefix of one, a run name) names. */
public record RunMatch(long runPk, String sourceName, String runId, String runName, String experimentName) {
    /** "1a2b3c4d  sweep-3-trial-2  (churn-sweeps, tracking)": enough to tell candidates apart. */
    public String describe() {
        return runId.substring(0, Math.min(8, runId.length())) + "  " + (runName == null ? "" : runName)
                + "  (" + experimentName + ", " + sourceName + ")";
    }
}
