package org.cavaplan.core.model;

import java.time.LocalDate;
import java.util.Optional;
import java.util.Set;

/** The resection, filled during or after surgery. */
public record Operation(
        LocalDate date,
        Findings findings,
        Optional<Double> circumferenceResectedPct,
        Optional<Double> resectedLengthCm,
        Optional<IvcManagement> ivcManagement,
        Optional<Conduit> conduit,
        Optional<Double> conduitDiameterMm,
        Set<Organ> enBlocResections) {

    public Operation {
        enBlocResections = Set.copyOf(enBlocResections);
    }

    /** What the surgeon found; every value is optional. */
    public record Findings(
            Optional<Boolean> liverMetastases,
            Optional<Boolean> peritonealMetastases,
            Optional<Boolean> frozenSectionConfirmedMetastasis,
            Optional<Lumen> ivcLumen,
            Optional<Collaterals> collaterals,
            Optional<Boolean> grossContamination) {

        /** Findings with nothing recorded. */
        public static Findings none() {
            return new Findings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty());
        }
    }
}
