package org.cavaplan.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cavaplan.registry.ExportFormat;
import org.cavaplan.registry.ExportRequest;
import org.cavaplan.registry.PseudonymKey;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export", description = {
    "Writes the latest version of every case that is not retired to stdout, in case id order: NDJSON (the cases), or CSV "
        + "(one row per case with the analysis columns, ready for R; see registry/README.md).",
    "--deidentify replaces the case id by a pseudonym, calendar dates by day offsets from the operation, and ages over 89 "
        + "by 90. Pseudonyms are HMAC-SHA256 under the key in " + ExportCommand.KEY_ENV
        + " (at least 32 characters; the same key gives the same pseudonyms in every export), or under a random key "
        + "used for this export only when it is not set."})
final class ExportCommand implements Callable<Integer> {

    /** The environment variable that may hold the center's pseudonym key. */
    static final String KEY_ENV = "CAVAPLAN_PSEUDONYM_KEY";

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RegistryAccess access;

    @Option(names = "--format", paramLabel = "ndjson|csv", description = "ndjson (default) or csv.")
    String format = "ndjson";

    @Option(names = "--deidentify", description = "De-identified data only (what a researcher receives).")
    boolean deidentify;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        ExportFormat exportFormat;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "ndjson" -> exportFormat = ExportFormat.NDJSON;
            case "csv" -> exportFormat = ExportFormat.CSV;
            default -> {
                err.println("--format: must be ndjson or csv, not \"" + format + "\"");
                return Exit.BAD_INPUT;
            }
        }
        ExportRequest request;
        try {
            request = deidentify ? ExportRequest.deidentified(exportFormat, key()) : ExportRequest.identified(exportFormat);
        } catch (Inputs.BadInput bad) {
            Inputs.print(err, bad);
            return Exit.BAD_INPUT;
        }
        try (Registry registry = access.open()) {
            Writer out = new BufferedWriter(spec.commandLine().getOut(), 1 << 16);
            registry.export(RegistryAccess.actor(registry), request, out);
            out.flush();
        } catch (Inputs.BadInput bad) {
            Inputs.print(err, bad);
            return Exit.BAD_INPUT;
        } catch (RegistryException.AccessDenied e) {
            err.println(e.getMessage());
            return Exit.BAD_INPUT;
        }
        return Exit.OK;
    }

    private static PseudonymKey key() throws Inputs.BadInput {
        Optional<String> secret = Optional.ofNullable(System.getenv(KEY_ENV)).filter(s -> !s.isEmpty());
        if (secret.isEmpty()) {
            return PseudonymKey.random();
        }
        if (secret.get().length() < PseudonymKey.MIN_SECRET_LENGTH) {
            throw new Inputs.BadInput(KEY_ENV + ": a pseudonym key has at least " + PseudonymKey.MIN_SECRET_LENGTH + " characters");
        }
        return PseudonymKey.fromSecret(secret.get());
    }
}
