package dev.braid.pipelines.dvc;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stage of a {@code dvc.yaml} after templating and {@code foreach}/{@code matrix} expansion,
 * with every path relative to the repository root.
 *
 * @param name the stage name as DVC writes it in {@code dvc.lock} ({@code train@small} for generated ones)
 * @param file the {@code dvc.yaml} it comes from
 * @param wdir the folder its command runs in and its paths are relative to, from the repository root
 * @param cmd the command; a list of commands is kept one per line
 * @param deps the dependencies
 * @param outs the outputs, metrics and plots it writes
 * @param params the parameters it depends on, by params file; an empty list means the whole file
 * @param group the stage as written before {@code foreach}/{@code matrix} expanded it
 */
public record DvcPipelineStage(String name, String file, String wdir, String cmd, List<String> deps, List<Output> outs,
                               Map<String, List<String>> params, boolean frozen, boolean alwaysChanged, String group) {
    /** An output: {@code kind} is {@code outs}, {@code metrics} or {@code plots}; {@code cache} false means git tracks it. */
    public record Output(String path, String kind, boolean cache) {
    }

    public DvcPipelineStage {
        Objects.requireNonNull(name, "name");
        deps = List.copyOf(deps);
        outs = List.copyOf(outs);
        params = Map.copyOf(params);
    }
}
