package org.cavaplan.cli;

import java.io.BufferedReader;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.io.BatchPlanner;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
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

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "One date for every plan; default: today.")
    String asOf;

    @Option(names = "--threads", description = "Worker threads (default: the number of processors).")
    int threads = Runtime.getRuntime().availableProcessors();

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        Engine engine;
        LocalDate date;
        try {
            engine = engineOptions.engine();
            date = asOf == null ? LocalDate.now() : Inputs.date(asOf, "--as-of");
        } catch (Inputs.BadInput bad) {
            Inputs.print(err, bad);
            return Exit.BAD_INPUT;
        }
        if (threads < 1 || threads > 256) {
            err.println("--threads: must be between 1 and 256, not " + threads);
            return Exit.BAD_INPUT;
        }
        if (!Files.isRegularFile(input)) {
            err.println(input + ": no such file");
            return Exit.BAD_INPUT;
        }
        long total = Files.size(input);
        boolean terminal = System.console() != null;
        long start = System.nanoTime();
        BatchPlanner planner = new BatchPlanner(engine, CaseReader.create(), Optional.ofNullable(date), threads);
        // a device or pipe (/dev/null, a named pipe) is written as it is; a file only once complete
        boolean inPlace = ReportCommand.writtenInPlace(output);
        Path temp = inPlace ? output : output.resolveSibling(output.getFileName() + ".partial");
        BatchPlanner.Summary summary;
        try (BufferedReader in = Files.newBufferedReader(input, StandardCharsets.UTF_8);
                OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
            summary = planner.run(in, out, new BatchPlanner.Listener() {
                @Override
                public void rejected(int line, List<InputError> errors) {
                    err.println("line " + line + ": " + errors.get(0) + (errors.size() > 1 ? " (and " + (errors.size() - 1)
                            + " more)" : ""));
                }

                @Override
                public void progress(int lines, long chars) {
                    if (terminal) {
                        err.print("\r" + Math.min(100, chars * 100 / Math.max(1, total)) + "%  " + lines + " lines");
                        err.flush();
                    }
                }
            });
        } catch (NoSuchFileException e) {
            err.println(e.getFile() + ": cannot be written");
            return Exit.BAD_INPUT;
        }
        if (!inPlace) {
            Files.move(temp, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        if (terminal) {
            err.print("\r");
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        err.println(String.format(java.util.Locale.ROOT, "planned %d, rejected %d in %.1f s", summary.planned(), summary.rejected(), seconds));
        err.flush();
        return Exit.OK;
    }
}
