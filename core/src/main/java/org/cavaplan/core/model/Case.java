package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

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
        LocalDate latest = imaging.get(0).date();
        for (ImagingStudy s : imaging) {
            latest = later(latest, s.date());
        }
        if (neoadjuvant.isPresent()) {
            Neoadjuvant n = neoadjuvant.get();
            if (n.radiotherapy().isPresent() && n.radiotherapy().get().endDate().isPresent()) {
                latest = later(latest, n.radiotherapy().get().endDate().get());
            }
            if (n.chemotherapy().isPresent() && n.chemotherapy().get().endDate().isPresent()) {
                latest = later(latest, n.chemotherapy().get().endDate().get());
            }
        }
        if (operation.isPresent()) {
            latest = later(latest, operation.get().date());
        }
        for (FollowUp v : followUp) {
            latest = later(latest, v.date());
        }
        if (outcome.isPresent()) {
            latest = later(latest, outcome.get().lastContactDate());
        }
        return latest;
    }

    private static LocalDate later(LocalDate a, LocalDate b) {
        return b.isAfter(a) ? b : a;
    }
}
