package org.cavaplan.cli;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.BatchLines;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "plan-batch", description = "One case per line in, one plan per line out; invalid lines become {\"line\": N, \"errors\": [...]}.")
final class PlanBatchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--input", required = true, paramLabel = "IN.ndjson")
    Path input;

    @Option(names = "--output", required = true, paramLabel = "OUT.ndjson")
    Path output;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "One date for every plan; default: each case's latest date.")
    String asOf;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Engine engine;
        LocalDate date;
        try {
            engine = engineOptions.engine();
            date = asOf == null ? null : Inputs.date(asOf, "--as-of");
        } catch (Inputs.BadInput bad) {
            Inputs.print(err, bad);
            return Exit.BAD_INPUT;
        }
        if (!Files.isRegularFile(input)) {
            err.println(input + ": no such file");
            return Exit.BAD_INPUT;
        }
        long total = Files.size(input);
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        CaseReader reader = CaseReader.create();
        int planned = 0;
        int rejected = 0;
        Path temp = output.resolveSibling(output.getFileName() + ".partial");
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                BufferedWriter out = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            long read = 0;
            while ((line = in.readLine()) != null) {
                number++;
                read += line.length() + 1;
                if (line.isBlank()) {
                    continue;
                }
                ReadResult result = reader.read(line);
                if (result instanceof ReadResult.Valid valid) {
                    Case kase = valid.value();
                    BatchLines.writePlan(engine.plan(kase, date == null ? kase.latestDate() : date), out);
                    planned++;
                } else {
                    BatchLines.writeErrors(number, ((ReadResult.Invalid) result).errors(), out);
                    err.println("line " + number + ": " + ((ReadResult.Invalid) result).errors().get(0)
                            + (((ReadResult.Invalid) result).errors().size() > 1 ? " (and more)" : ""));
                    rejected++;
                }
                if (terminal && number % 1000 == 0) {
                    err.print("\r" + Math.min(100, read * 100 / Math.max(1, total)) + "%  " + number + " lines");
                    err.flush();
                }
            }
        } catch (NoSuchFileException e) {
            err.println(e.getFile() + ": cannot be written");
            return Exit.BAD_INPUT;
        }
        Files.move(temp, output, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        if (terminal) {
            err.print("\r");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(String.format(java.util.Locale.ROOT, "planned %d, rejected %d in %.1f s", planned, rejected, seconds));
        err.flush();
        return Exit.OK;
    }
}
