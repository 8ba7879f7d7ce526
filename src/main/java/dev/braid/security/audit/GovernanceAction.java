package dev.braid.security.audit;

/** What the governance log records, beside the write-backs of the MLflow audit log. */
public enum GovernanceAction {
    /** A model version's files, a run's artifact or DVC-tracked files were scanned. */
    SCAN,
    /** Setting an alias was refused: the version's scan is not safe and no override was given. */
    PROMOTION_REFUSED,
    /** An alias was set on a version whose scan was not safe, with a reason: the explicit override. */
    OVERRIDE,
    /** A bill of materials was written. */
    BOM_EXPORTED,
    /** A sensitivity label was put on a lineage node (recorded by the cache itself). */
    LABEL_ADDED,
    /** A sensitivity label was taken off a lineage node. */
    LABEL_REMOVED
}
