package dev.braid.security.ui;

import dev.braid.testing.PythonEnv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A local MLflow store (SQLite, artifacts on disk) with the models of {@code seed_models.py}, made once per test JVM. */
final class LocalModelStore {
    private static final Object LOCK = new Object();
    private static final Path DIR = Path.of("target/local-model-store").toAbsolutePath();

    private LocalModelStore() {
    }

    /** The store's {@code sqlite:///} URI; the models are named {@code local-clf}. */
    static String uri() throws Exception {
        synchronized (LOCK) {
            Path done = DIR.resolve("seeded");
            if (!Files.exists(done)) {
                if (Files.exists(DIR)) {
                    try (var walk = Files.walk(DIR)) {
                        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
                Files.createDirectories(DIR);
                ProcessBuilder builder = new ProcessBuilder(List.of(PythonEnv.main().ensure().python().toString(),
                        PythonEnv.ROOT.resolve("src/test/resources/dev/braid/security/seed_models.py").toString(), "seed",
                        "local")).directory(DIR.toFile()).redirectErrorStream(true)
                        .redirectOutput(DIR.resolve("seed.log").toFile());
                builder.environment().put("MLFLOW_TRACKING_URI", "sqlite:///" + DIR.resolve("mlflow.db"));
                builder.environment().put("GIT_PYTHON_REFRESH", "quiet");
                Process p = builder.start();
                if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
                    p.destroyForcibly();
                    throw new IllegalStateException("seeding the local store failed:\n" + Files.readString(DIR.resolve("seed.log")));
                }
                Files.writeString(done, "ok");
            }
            return "sqlite:///" + DIR.resolve("mlflow.db");
        }
    }
}
