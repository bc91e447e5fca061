package org.cavaplan.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.RegistryException;
import org.cavaplan.server.MeetingMinutes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code cavaplan minutes --db JDBC_URL --meeting ID --output OUT.pdf [--case CASE_ID]}: the minutes
 * PDF of a tumor-board meeting (or of one case of its agenda) from the registry, as the server's
 * {@code minutes.pdf} routes send it. Acts as the user of {@code CAVAPLAN_TOKEN} or the local
 * operator (audited like every registry read); the PDF replaces {@code OUT.pdf} only once complete.
 * An unknown meeting, a case not on its agenda or a role that may not read meetings is bad input
 * (exit 2, nothing written).
 */
@Command(name = "minutes", description = "The minutes PDF of a tumor-board meeting (or of one case of its agenda) from the registry.")
final class MinutesCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @CommandLine.Mixin
    RegistryAccess access;

    @Option(names = "--meeting", required = true, paramLabel = "ID", description = "The meeting's id (from 1).")
    long meeting;

    @Option(names = "--case", paramLabel = "CASE_ID", description = "Only this case of the meeting's agenda.")
    String caseId;

    @Option(names = "--output", required = true, paramLabel = "OUT.pdf",
            description = "Where to write the PDF; an existing file is replaced only once the new one is complete.")
    String output;

    @CommandLine.Mixin
    EngineOptions engineOptions;

    @Override
    public Integer call() {
        try {
            if (meeting < 1) {
                throw new Inputs.BadInput("--meeting: a meeting id is a number from 1, not " + meeting);
            }
            Path target = ReportCommand.target(output);
            try (Registry registry = access.open()) {
                MeetingMinutes minutes = new MeetingMinutes(registry, engineOptions.engine(), org.cavaplan.io.CaseReader.create());
                var actor = RegistryAccess.actor(registry);
                MeetingMinutes.Document document = caseId == null ? minutes.meeting(actor, meeting)
                        : minutes.agendaCase(actor, meeting, caseId);
                ReportCommand.write(target, document.pdf());
            }
            return Exit.OK;
        } catch (Inputs.BadInput bad) {
            Inputs.print(spec.commandLine().getErr(), bad);
            return Exit.BAD_INPUT;
        } catch (RegistryException.AccessDenied | RegistryException.UnknownMeeting | RegistryException.NotOnAgenda e) {
            spec.commandLine().getErr().println(e.getMessage());
            return Exit.BAD_INPUT;
        }
    }
}
