package org.cavaplan.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.cavaplan.io.InputError;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.ImportListener;
import org.cavaplan.registry.ImportOptions;
import org.cavaplan.registry.ImportSummary;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "import", description = {
    "Loads cases into the registry, one case per line: a new case, a new version when the content changed, nothing when "
        + "it is identical. Each case is one transaction; running an interrupted import again completes it.",
    "Bad lines are reported on stderr (line N: POINTER: message) and skipped; progress on stderr on a terminal; "
        + "the closing line 'imported N, unchanged U, rejected M' on stdout.",
    "Plausibility as of today: a date after today is a rejection like any error; a case with warnings (a diameter "
        + "that changes more than 2 times within 90 days, or above 30 cm) is stored and each warning reported on stderr "
        + "(line N: warning: POINTER: message)."})
final class ImportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RegistryAccess access;

    @Parameters(paramLabel = "FILE.ndjson", description = "One case (JSON) per line.")
    Path file;

    @Option(names = "--reason", description = "The reason recorded with every new version (default: import of FILE).")
    String reason;

    @Option(names = "--connections", description = "Connections writing in parallel, 1 to 16 (default: the registry's choice).")
    int connections;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(file)) {
            err.println(file + ": no such file");
            return Exit.BAD_INPUT;
        }
        if (connections < 0 || connections > ImportOptions.MAX_CONNECTIONS) {
            err.println("--connections: must be between 1 and " + ImportOptions.MAX_CONNECTIONS + " (or 0: the registry's choice), not "
                    + connections);
            return Exit.BAD_INPUT;
        }
        String why = reason == null ? "import of " + file.getFileName() : reason;
        if (why.isBlank()) {
            err.println("--reason: must not be empty");
            return Exit.BAD_INPUT;
        }
        long total = Math.max(1, Files.size(file));
        boolean terminal = System.console() != null;
        ImportListener listener = new ImportListener() {
            @Override
            public void rejected(int line, List<InputError> errors) {
                if (terminal) {
                    err.print("\r\033[K");
                }
                for (InputError e : errors) {
                    err.println("line " + line + ": " + e);
                }
            }

            @Override
            public void warned(int line, List<InputError> warnings) {
                if (terminal) {
                    err.print("\r\033[K");
                }
                for (InputError w : warnings) {
                    err.println("line " + line + ": warning: " + w);
                }
            }

            @Override
            public void progress(int lines, long charsRead) {
                if (terminal) {
                    err.print("\r" + Math.min(100, charsRead * 100 / total) + "%  " + lines + " lines");
                    err.flush();
                }
            }
        };
        ImportSummary summary;
        try (Registry registry = access.open(); BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Actor actor = RegistryAccess.actor(registry);
            summary = registry.importCases(actor, in, new ImportOptions(why, connections).checkingPlausibility(), listener);
        } catch (Inputs.BadInput bad) {
            Inputs.print(err, bad);
            return Exit.BAD_INPUT;
        } catch (RegistryException.AccessDenied | RegistryException.Invalid e) {
            err.println(e.getMessage());
            return Exit.BAD_INPUT;
        } catch (CharacterCodingException e) {
            err.println(file + ": is not UTF-8 text");
            return Exit.BAD_INPUT;
        }
        if (terminal) {
            err.print("\r\033[K");
        }
        err.flush();
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary);
        out.flush();
        return Exit.OK;
    }
}
