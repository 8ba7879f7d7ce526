package dev.braid.security;

import dev.braid.experiments.ExperimentException;
import dev.braid.experiments.OutboxEntry;
import dev.braid.experiments.RunEditService;
import dev.braid.security.audit.GovernanceAction;
import dev.braid.security.audit.GovernanceLog;

/**
 * The gate in front of setting a model's alias (promotion): a version whose files were scanned
 * under the current policy and found safe is promoted at once; any other version (dangerous,
 * suspicious, unknown, out of date or never scanned) only with an explicit override, a reason
 * the governance log records with who gave it. Refusals are logged too. The alias itself goes
 * through the offline-first write-back of ADR 7 (and its own audit line).
 */
public final class PromotionService {
    private final RunEditService edits;
    private final ScanService scans;
    private final GovernanceLog log;

    public PromotionService(RunEditService edits, ScanService scans, GovernanceLog log) {
        this.edits = edits;
        this.scans = scans;
        this.log = log;
    }

    /** What setting an alias on {@code version} would need. */
    public ScanState check(VersionRef version) {
        return scans.state(version);
    }

    /**
     * Points {@code alias} at {@code version}.
     *
     * @param overrideReason why the user promotes a version whose scan is not safe; null or blank
     *                       when there is none, and then such a version is refused
     * @throws PromotionRefused when the scan needs an override and none was given
     */
    public OutboxEntry setAlias(VersionRef version, String alias, String overrideReason) throws SecurityException {
        if (alias == null || alias.isBlank()) {
            throw new SecurityException("give an alias");
        }
        ScanState state = scans.state(version);
        String object = version.nodeId().value();
        boolean override = overrideReason != null && !overrideReason.isBlank();
        if (state.needsOverride() && !override) {
            log.record(GovernanceAction.PROMOTION_REFUSED, object, state.words(), "alias " + alias);
            throw new PromotionRefused("refused: " + version.label() + " is " + state.words() + (state == ScanState.NOT_SCANNED
                    || state == ScanState.OUT_OF_DATE ? " (scan it first)" : "") + "; setting the alias " + alias
                    + " needs an explicit override with a reason", state);
        }
        OutboxEntry entry;
        try {
            entry = edits.setAlias(version.sourceId(), version.model(), alias, version.version());
        } catch (ExperimentException e) {
            throw new SecurityException(e.getMessage(), e);
        }
        if (state.needsOverride()) {
            log.record(GovernanceAction.OVERRIDE, object, state.words(), "alias " + alias + ": " + overrideReason.strip()
                    + " (outbox #" + entry.id() + ")");
        }
        return entry;
    }
}
