package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.security.SecurityException;
import dev.braid.security.SecurityServices;
import dev.braid.security.VersionRef;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid bom MODEL_VERSION_ID [--output FILE]}. */
@Command(name = "bom", mixinStandardHelpOptions = true,
        description = {"Writes a CycloneDX 1.6 ML bill of materials (JSON) for a model version: the model and its model",
                "card, its files with hashes and scan verdicts, its code commit, the datasets it was trained on (from",
                "lineage, with versions, hashes and labels), its Python packages with package URLs, and dependencies",
                "that follow the lineage graph. MODEL_VERSION_ID: MODEL/VERSION, SOURCE:MODEL/VERSION,",
                "model-version:SOURCE:MODEL/VERSION or models:/MODEL@ALIAS."})
final class BomCommand implements Callable<Integer> {
    @ParentCommand
    private BraidCommand root;

    @Spec
    private CommandSpec spec;

    @Parameters(paramLabel = "MODEL_VERSION_ID", description = "The model version.")
    private String id;

    @Option(names = "--output", paramLabel = "FILE", description = "Write the BOM to FILE instead of stdout.")
    private Path output;

    @Override
    public Integer call() throws CacheOpenException, IOException {
        CliEnvironment env = root.environment();
        try (AppContext context = root.openContext()) {
            SecurityServices security = context.security();
            VersionRef ref;
            try {
                ref = security.versions().resolve(id).ref();
            } catch (SecurityException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage());
            }
            try {
                if (output == null) {
                    env.data().println(security.boms().json(ref));
                } else {
                    security.boms().write(ref, output);
                    env.err().println("wrote " + output);
                }
            } catch (SecurityException e) {
                throw new WorkFailedException(e.getMessage(), e);
            }
            return ExitCodes.OK;
        }
    }
}
