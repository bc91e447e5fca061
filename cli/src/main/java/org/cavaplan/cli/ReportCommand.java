package org.cavaplan.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.report.Report;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code cavaplan report FILE --output OUT.pdf}: the tumor-board PDF of one case. A bad case is
 * reported as {@code plan} reports it (exit 2, nothing written); the PDF goes to a temporary file in
 * the output's directory and replaces {@code OUT.pdf} only once it is complete.
 */
@Command(name = "report", description = "The tumor-board PDF for one case (FILE '-' reads standard input).")
final class ReportCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "FILE", description = "A case in JSON.")
    String file;

    @Option(names = "--output", required = true, paramLabel = "OUT.pdf",
            description = "Where to write the PDF; an existing file is replaced only once the new one is complete.")
    String output;

    @Option(names = "--as-of", paramLabel = "YYYY-MM-DD", description = "The date the plan is made for; default: today (a board meeting's date, or a past date to see the plan as it was).")
    String asOf;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        try {
            Case kase = PlanCommand.readCase(file);
            LocalDate date = asOf == null ? LocalDate.now() : Inputs.date(asOf, "--as-of");
            Path target = target(output);
            Plan plan = engineOptions.engine().plan(kase, date);
            write(target, Report.render(kase, plan));
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        }
    }

    /** The output file, refused when it is a directory or its directory does not exist. */
    static Path target(String output) throws Inputs.BadInput {
        Path target;
        try {
            target = Path.of(output).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new Inputs.BadInput("--output: \"" + output + "\" is not a valid file name");
        }
        if (Files.isDirectory(target)) {
            throw new Inputs.BadInput("--output: " + output + " is a directory");
        }
        Path dir = target.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new Inputs.BadInput("--output: the directory of " + output + " does not exist");
        }
        return target;
    }

    /**
     * Whether an output goes straight into {@code target} rather than through a temporary file moved
     * over it: true when the target exists and is not a regular file, such as {@code /dev/null}, a
     * terminal or a named pipe. Moving a file over one of those would replace the device itself (as
     * root, {@code --output /dev/null} turned {@code /dev/null} into an ordinary file).
     */
    static boolean writtenInPlace(Path target) {
        return Files.exists(target) && !Files.isRegularFile(target);
    }

    /**
     * Writes the bytes to a temporary file beside the target, then moves it over the target
     * (atomically where the file system can), so that a failure leaves no partial file and an
     * existing file untouched. A device or pipe ({@link #writtenInPlace}) is written directly.
     */
    static void write(Path target, byte[] bytes) throws Inputs.BadInput {
        if (writtenInPlace(target)) {
            try {
                Files.write(target, bytes);
                return;
            } catch (IOException e) {
                throw new Inputs.BadInput("--output: cannot write " + target + " (" + e.getMessage() + ")");
            }
        }
        Path temp = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".part");
        try {
            Files.write(temp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new Inputs.BadInput("--output: cannot write " + target + " (" + e.getMessage() + ")");
        } finally {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                // the temporary file could not be removed; the message above already says the write failed
            }
        }
    }
}
