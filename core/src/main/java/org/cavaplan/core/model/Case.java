package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * One patient with a retroperitoneal leiomyosarcoma as known at one point of the care pathway.
 *
 * <p>Built only by the input adapters after schema and semantic validation, so every value here is
 * in range and consistent. An empty {@link Optional} means the value was not recorded: the engine
 * never guesses it. Imaging studies and follow-up visits keep their position in the input so that
 * the plan can point back at them.
 */
public record Case(
        String caseId,
        Patient patient,
        Optional<Presentation> presentation,
        Optional<Histology> histology,
        List<ImagingStudy> imaging,
        Optional<Neoadjuvant> neoadjuvant,
        Optional<Operation> operation,
        Optional<Pathology> pathology,
        Optional<Postoperative> postoperative,
        List<FollowUp> followUp,
        Optional<Outcome> outcome) {

    public Case {
        imaging = List.copyOf(imaging);
        followUp = List.copyOf(followUp);
        if (imaging.isEmpty()) {
            throw new IllegalArgumentException("a case has at least one imaging study");
        }
    }

    /** The latest calendar date anywhere in the case: the default "as of" date of a plan. */
    public LocalDate latestDate() {
        Stream<LocalDate> dates = Stream.of(
                imaging.stream().map(ImagingStudy::date),
                neoadjuvant.stream().flatMap(Neoadjuvant::endDates),
                operation.stream().map(Operation::date),
                followUp.stream().map(FollowUp::date),
                outcome.stream().map(Outcome::lastContactDate)).flatMap(s -> s);
        return dates.max(LocalDate::compareTo).orElseThrow();
    }
}
