package org.cavaplan.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.cavaplan.io.SyntheticCases;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "synth", description = "Synthetic cases (NDJSON on stdout), valid and labelled SYNTH in caseId; the same seed gives the same cases.")
final class SynthCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--count", required = true, description = "How many cases (1 to 10,000,000).")
    int count;

    @Option(names = "--seed", defaultValue = "1", description = "The seed of the series (default 1).")
    long seed;

    @Override
    public Integer call() {
        if (count < 1 || count > 10_000_000) {
            spec.commandLine().getErr().println("--count: must be between 1 and 10000000, not " + count);
            return Exit.BAD_INPUT;
        }
        PrintWriter out = spec.commandLine().getOut();
        for (int i = 1; i <= count; i++) {
            out.println(SyntheticCases.generate(seed, i).toString());
        }
        out.flush();
        return Exit.OK;
    }
}
