package dev.braid.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Real services (a tracking server, an orchestrator, a registry server) started once per test
 * run and shared by every test class that asks for them, then stopped when the run ends. Starting
 * them per class would cost minutes of CI time each.
 *
 * <pre>{@code
 * @ExtendWith(SharedServices.class)
 * class AirflowSyncTest {
 *     static AirflowHarness airflow;
 *
 *     @BeforeAll
 *     static void start(SharedServices.Registry services) throws Exception {
 *         airflow = services.get("airflow", AirflowHarness.class, AirflowHarness::start);
 *     }
 * }
 * }</pre>
 *
 * <p>Each service gets a temporary folder of its own, deleted after it stops. A service that
 * failed to start is not tried again by the next class: the same failure is reported there, so
 * a broken install fails fast instead of timing out once per class. Classes sharing a service
 * must not depend on being its only user (create your own experiments, DAGs or projects, with
 * names of your own).
 */
public final class SharedServices implements ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedServices.class);

    /** Starts a service with its data under {@code dir}. */
    @FunctionalInterface
    public interface Starter<T extends AutoCloseable> {
        T start(Path dir) throws Exception;
    }

    /** The services of this test run. */
    public static final class Registry {
        private final ExtensionContext.Store store;

        private Registry(ExtensionContext.Store store) {
            this.store = store;
        }

        /** The service under {@code key}, started by {@code starter} the first time anyone asks. */
        public <T extends AutoCloseable> T get(String key, Class<T> type, Starter<T> starter) throws Exception {
            Running running = store.getOrComputeIfAbsent(key, k -> Running.start(k, starter), Running.class);
            if (running.failure != null) {
                throw new IllegalStateException("shared service '" + key + "' did not start (see the first failure)",
                        running.failure);
            }
            return type.cast(running.service);
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Registry.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return new Registry(context.getRoot().getStore(NAMESPACE));
    }

    /** One started service (or why it did not start); closed by JUnit when the run ends. */
    private static final class Running implements AutoCloseable {
        private final AutoCloseable service;
        private final Exception failure;
        private final Path dir;

        private Running(AutoCloseable service, Exception failure, Path dir) {
            this.service = service;
            this.failure = failure;
            this.dir = dir;
        }

        static Running start(String key, Starter<?> starter) {
            Path dir = null;
            try {
                dir = Files.createTempDirectory("braid-shared-" + key.replaceAll("[^A-Za-z0-9-]", "-") + "-");
                return new Running(starter.start(dir), null, dir);
            } catch (Exception e) {
                return new Running(null, e, dir);
            }
        }

        @Override
        public void close() throws Exception {
            try {
                if (service != null) {
                    service.close();
                }
            } finally {
                deleteQuietly(dir);
            }
        }

        private static void deleteQuietly(Path dir) {
            if (dir == null) {
                return;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // A leftover temporary folder is harmless; the service itself has stopped.
            }
        }
    }
}
