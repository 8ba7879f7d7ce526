package dev.braid.lineage.dvc;

import java.util.List;

/**
 * What one DVC file recorded: the stages Braid could read, and the parts it could not, each with
 * the reason in plain words (naming the file), so one broken stage never hides the others.
 */
public record DvcFileContent(List<DvcStage> stages, List<String> problems) {
    public DvcFileContent {
        stages = List.copyOf(stages);
        problems = List.copyOf(problems);
    }
}
