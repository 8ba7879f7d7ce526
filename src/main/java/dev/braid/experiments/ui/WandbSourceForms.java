package dev.braid.experiments.ui;

import dev.braid.experiments.ExperimentService;
import dev.braid.sync.SyncContext;
import dev.braid.ui.sources.SourceField;
import dev.braid.ui.sources.SourceForm;
import dev.braid.ui.sources.SourceGroup;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Add-source dialog's W&B kinds, as {@code braid wandb add} offers them: a folder of offline or
 * synced W&B run folders, or one project of a W&B server with the name of the variable holding its
 * API key (never the key).
 */
public final class WandbSourceForms {
    public static final SourceGroup GROUP = new SourceGroup("wandb", "W&B runs",
            "Runs, config, metrics and artifacts from W&B run folders on this computer or a W&B server.", Feather.TRENDING_UP);

    private WandbSourceForms() {
    }

    public static SourceForm folder(ExperimentService experiments) {
        return new SourceForm() {
            @Override
            public String id() {
                return "wandb-folder";
            }

            @Override
            public String group() {
                return GROUP.id();
            }

            @Override
            public String title() {
                return "W&B run folders";
            }

            @Override
            public String description() {
                return "A project's wandb folder, one run folder, or any folder holding offline-run-… and run-… folders.";
            }

            @Override
            public List<SourceField> fields() {
                return List.of(SourceField.folder(ExperimentService.WANDB_PATH, "Folder", "/path/to/project/wandb"),
                        SourceField.name("the folder"));
            }

            @Override
            public Added add(Map<String, String> values, SyncContext progress) throws Exception {
                return Added.source(experiments.addWandb(Path.of(values.get(ExperimentService.WANDB_PATH)), values.get(NAME)));
            }
        };
    }

    public static SourceForm server(ExperimentService experiments) {
        return new SourceForm() {
            @Override
            public String id() {
                return "wandb-server";
            }

            @Override
            public String group() {
                return GROUP.id();
            }

            @Override
            public String title() {
                return "W&B server";
            }

            @Override
            public String description() {
                return "One project of W&B's cloud or a self-hosted W&B server, through its public API.";
            }

            @Override
            public List<SourceField> fields() {
                return List.of(SourceField.text(ExperimentService.WANDB_URL, "Server URL", "https://api.wandb.ai", true),
                        SourceField.text(ExperimentService.WANDB_ENTITY, "Entity", "team or user name", true),
                        SourceField.text(ExperimentService.WANDB_PROJECT, "Project", "project name", true),
                        SourceField.variable(ExperimentService.WANDB_KEY_ENV, "API key variable", "e.g. WANDB_API_KEY"),
                        SourceField.name("entity/project"));
            }

            @Override
            public Added add(Map<String, String> values, SyncContext progress) throws Exception {
                return Added.source(experiments.addWandbServer(values.get(ExperimentService.WANDB_URL),
                        values.get(ExperimentService.WANDB_ENTITY), values.get(ExperimentService.WANDB_PROJECT),
                        values.get(ExperimentService.WANDB_KEY_ENV), values.get(NAME)));
            }
        };
    }
}
