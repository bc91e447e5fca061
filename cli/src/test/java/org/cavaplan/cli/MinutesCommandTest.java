package org.cavaplan.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.text.PDFTextStripper;
import org.cavaplan.core.meeting.ActionItem;
import org.cavaplan.core.meeting.Attendee;
import org.cavaplan.core.meeting.Decision;
import org.cavaplan.core.meeting.Discipline;
import org.cavaplan.core.meeting.NewMeeting;
import org.cavaplan.registry.Actor;
import org.cavaplan.registry.Registry;
import org.cavaplan.registry.Role;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cavaplan minutes}: the minutes PDF of a meeting in a registry on disk. */
class MinutesCommandTest {

    @TempDir
    Path dir;

    String db;
    long meeting;

    @BeforeEach
    void aMeetingWithTheSeedCaseDecided() throws IOException {
        db = "jdbc:h2:file:" + dir.resolve("registry").toAbsolutePath();
        Path seed = Path.of("..", "examples", "seed-case.json");
        Files.writeString(dir.resolve("seed.ndjson"), Files.readString(seed).replaceAll("\\s*\\n\\s*", " ") + "\n");
        assertThat(Run.of("import", "--db", db, dir.resolve("seed.ndjson").toString()).out()).startsWith("imported 1");
        try (Registry registry = Registry.open(db, Clock.systemUTC())) {
            Actor operator = Actor.localOperator("test", "test");
            registry.addUser(operator, "dr.chair", Role.CLINICIAN);
            meeting = registry.createMeeting(operator, new NewMeeting(LocalDate.of(2014, 7, 7), "Sarcoma board", "dr.chair",
                    List.of(new Attendee("Dr Rao", Discipline.RADIOLOGY)))).id();
            registry.addToAgenda(operator, meeting, "seed-case-report", "Conduit thrombosis: anticoagulate?", "Dr Rao");
            registry.saveDecision(operator, meeting, "seed-case-report", new Decision("Anticoagulate for six months.", List.of(),
                    List.of("Dr Rao"), List.of(), List.of(new ActionItem("Duplex ultrasound", "Dr Rao", LocalDate.of(2014, 8, 1))),
                    Optional.empty()));
        }
    }

    static String text(Path pdf) throws IOException {
        try (var document = Loader.loadPDF(pdf.toFile())) {
            return new PDFTextStripper().getText(document).replaceAll("\\s+", " ");
        }
    }

    @Test
    void the_minutes_of_a_meeting_and_of_one_case_are_written_as_pdf() throws IOException {
        Path out = dir.resolve("minutes.pdf");
        Run run = Run.of("minutes", "--db", db, "--meeting", String.valueOf(meeting), "--output", out.toString());
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(text(out)).contains("Tumor-board minutes", "Sarcoma board", "1. Case seed-case-report",
                "Conduit thrombosis: anticoagulate?", "Anticoagulate for six months.", "Duplex ultrasound Dr Rao 2014-08-01",
                "Not signed: a draft", "Page 1 of 1");

        Path one = dir.resolve("one.pdf");
        Run single = Run.of("minutes", "--db", db, "--meeting", String.valueOf(meeting), "--case", "seed-case-report",
                "--output", one.toString());
        assertThat(single.code()).as(single.err()).isZero();
        assertThat(text(one)).contains("Tumor-board minutes of one case", "Case seed-case-report");
    }

    @Test
    void an_unknown_meeting_or_a_case_not_on_its_agenda_is_bad_input_and_writes_nothing() {
        Path out = dir.resolve("none.pdf");
        Run unknown = Run.of("minutes", "--db", db, "--meeting", "99", "--output", out.toString());
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no meeting 99");
        Run notOnAgenda = Run.of("minutes", "--db", db, "--meeting", String.valueOf(meeting), "--case", "other-case",
                "--output", out.toString());
        assertThat(notOnAgenda.code()).isEqualTo(2);
        assertThat(notOnAgenda.err()).contains("not on the agenda");
        Run zero = Run.of("minutes", "--db", db, "--meeting", "0", "--output", out.toString());
        assertThat(zero.code()).isEqualTo(2);
        assertThat(zero.err()).contains("--meeting");
        assertThat(out).doesNotExist();
    }
}
