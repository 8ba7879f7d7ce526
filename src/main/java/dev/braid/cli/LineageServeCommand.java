package dev.braid.cli;

import dev.braid.app.AppContext;
import dev.braid.lineage.OpenLineageReceiver;
import dev.braid.store.CacheOpenException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code braid lineage serve [--host 127.0.0.1] [--port 5050] [--token-env VAR]}: the OpenLineage receiver. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Receives OpenLineage events over HTTP (the client's http transport) until interrupted.",
                "Events go to POST /api/v1/lineage, JSON, gzip allowed. Prints the address on stdout when ready."})
final class LineageServeCommand implements Callable<Integer> {
    @ParentCommand
    private LineageCommand lineage;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "HOST", description = "Address to listen on (default: 127.0.0.1, this machine only).")
    private String host = OpenLineageReceiver.DEFAULT_HOST;

    @Option(names = "--port", paramLabel = "PORT", description = "Port to listen on (default: 5050; 0 picks a free one).")
    private int port = OpenLineageReceiver.DEFAULT_PORT;

    @Option(names = "--token-env", paramLabel = "VAR", description = "Environment variable holding the bearer token callers must send.")
    private String tokenEnv;

    @Option(names = "--allow-unauthenticated",
            description = "Listen on an address other machines can reach without a token (anyone who reaches it can write lineage).")
    private boolean allowUnauthenticated;

    @Option(names = "--allowed-host", paramLabel = "NAME",
            description = "Also answer requests that name this host (repeatable); by default only the listening address,"
                    + " and localhost on loopback, are accepted, which keeps web pages out (DNS rebinding).")
    private List<String> allowedHosts = new ArrayList<>();

    @Override
    public Integer call() throws CacheOpenException, IOException, InterruptedException {
        CliEnvironment env = lineage.root().environment();
        if (port < 0 || port > 65_535) {
            throw new ParameterException(spec.commandLine(), "--port is 0 to 65535, not " + port);
        }
        OpenLineageReceiver.Settings settings;
        try {
            settings = OpenLineageReceiver.Settings.withTokenFrom(host, port, tokenEnv, env.env())
                    .with(allowUnauthenticated, allowedHosts);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        String unsafe = settings.exposureProblem();
        if (unsafe != null) {
            throw new ParameterException(spec.commandLine(), unsafe + " (--token-env VAR), or confirm with --allow-unauthenticated");
        }
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        try (AppContext context = lineage.root().openContext()) {
            context.secrets().register(settings.token());
            OpenLineageReceiver receiver;
            try {
                receiver = OpenLineageReceiver.start(settings,
                        context.openLineageValidator(), context.openLineageIngest());
            } catch (IOException e) {
                throw new WorkFailedException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
            Thread hook = new Thread(() -> {
                stop.countDown();
                try {
                    // Let the command close the cache before the JVM goes.
                    stopped.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "braid-lineage-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try (receiver) {
                env.out().println("Listening on " + receiver.uri() + (settings.token() == null ? "" : " (bearer token required)"));
                env.out().flush();
                env.err().println("Press Ctrl+C to stop.");
                env.err().flush();
                stop.await();
                OpenLineageReceiver.Counts counts = receiver.counts();
                env.err().printf("Stopped: %d events stored, %d repeats, %d refused.%n", counts.added(), counts.repeated(), counts.refused());
                env.err().flush();
            }
            return ExitCodes.OK;
        } finally {
            stopped.countDown();
        }
    }
}
