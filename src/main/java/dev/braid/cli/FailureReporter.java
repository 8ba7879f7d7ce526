package dev.braid.cli;

import dev.braid.app.Logging;
import dev.braid.repos.RepoException;
import dev.braid.store.CacheOpenException;
import dev.braid.store.ImpossibleValueException;
import dev.braid.store.StoreException;
import dev.braid.sync.MisbehavingRemoteException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns a command's failure into a plain message on stderr and exit code 1; details go to the log. */
final class FailureReporter implements IExecutionExceptionHandler {
    private static final Logger LOG = Logger.getLogger(FailureReporter.class.getName());

    @Override
    public int handleExecutionException(Exception failure, CommandLine command, ParseResult parseResult) {
        PrintWriter err = command.getErr();
        BraidCommand root = (BraidCommand) command.getCommandSpec().root().userObject();
        StoreException store = StoreException.find(failure);
        if (failure instanceof CacheOpenException cache) {
            LOG.log(Level.WARNING, "cache could not be opened", cache);
            CacheDiagnosis.problem(err, root, cache.problem(), cache.detail());
        } else if (store instanceof ImpossibleValueException impossible) {
            LOG.log(Level.SEVERE, "the cache holds an impossible value", impossible);
            CacheDiagnosis.impossibleValue(err, root, impossible.getMessage());
        } else if (store != null && store.problem() != null) {
            LOG.log(Level.WARNING, "the cache failed", store);
            // A check's finding comes through as the detail, so that damage only the integrity check
            // sees (an index astray) is named as such rather than doubted by the quick check.
            CacheDiagnosis.problem(err, root, store.problem(), store.detail());
        } else if (failure instanceof WorkFailedException || failure instanceof RepoException
                || failure instanceof MisbehavingRemoteException) {
            LOG.log(Level.INFO, "command failed", failure);
            err.println("braid: " + failure.getMessage());
        } else if (failure instanceof IOException io) {
            LOG.log(Level.WARNING, "command failed on a file", io);
            err.println("braid: " + describe(io));
        } else if (!CacheDiagnosis.reportIfDamaged(err, root, String.valueOf(failure.getMessage()))) {
            LOG.log(Level.SEVERE, "command crashed", failure);
            err.println("braid: unexpected error: " + dev.braid.sync.PlainErrors.describe(failure));
            Path log = Logging.currentLogFile(root.dirs());
            if (Files.isRegularFile(log)) {
                err.println("Details are in " + log);
            }
        }
        err.flush();
        return ExitCodes.FAILED;
    }

    /** File errors in words: the exception names only the path for these. */
    static String describe(IOException failure) {
        if (failure instanceof FileAlreadyExistsException || failure instanceof NotDirectoryException) {
            return "not a folder: " + failure.getMessage();
        }
        if (failure instanceof AccessDeniedException) {
            return "permission denied: " + failure.getMessage();
        }
        if (failure instanceof NoSuchFileException) {
            return "no such file or folder: " + failure.getMessage();
        }
        return dev.braid.sync.PlainErrors.describe(failure);
    }
}
