package dev.braid.lineage.dvc;

import java.util.List;

/**
 * What DVC recorded in one commit: its stages and tracked data, the default DVC remote
 * ({@link DvcRemote#NONE} when none is configured), and the files that could not be read, each
 * with the reason, so one broken file never hides the rest.
 */
public record DvcSnapshot(String commit, List<DvcStage> stages, DvcRemote remote, List<String> problems) {
    public DvcSnapshot {
        stages = List.copyOf(stages);
        remote = remote == null ? DvcRemote.NONE : remote;
        problems = List.copyOf(problems);
    }
}
