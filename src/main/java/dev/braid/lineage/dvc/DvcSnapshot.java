package dev.braid.lineage.dvc;

import java.util.List;

/**
 * What DVC recorded in one commit: its stages and tracked data, the URL of the default DVC
 * remote (empty when none is configured), and the files that could not be read, each with the
 * reason, so one broken file never hides the rest.
 */
public record DvcSnapshot(String commit, List<DvcStage> stages, String remoteUrl, List<String> problems) {
    public DvcSnapshot {
        stages = List.copyOf(stages);
        remoteUrl = remoteUrl == null ? "" : remoteUrl;
        problems = List.copyOf(problems);
    }
}
