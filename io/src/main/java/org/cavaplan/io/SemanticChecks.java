package org.cavaplan.io;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.FollowUp;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Margin;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.VitalStatus;

/** The checks of the plan contract's §4 that a schema cannot express; all problems are returned at once. */
final class SemanticChecks {

    private static final Set<IvcManagement> NO_CONDUIT =
            Set.of(IvcManagement.LIGATION, IvcManagement.NONE, IvcManagement.PRIMARY_REPAIR);

    private SemanticChecks() {}

    static List<InputError> check(Case c) {
        List<InputError> errors = new ArrayList<>();
        for (ImagingStudy s : c.imaging()) {
            if (s.cranialExtent().isPresent() && s.caudalExtent().isPresent()
                    && s.cranialExtent().get().isCaudalTo(s.caudalExtent().get())) {
                errors.add(new InputError(s.pointer("cranialExtent"), "the cranial extent (" + s.cranialExtent().get()
                        + ") lies below the caudal extent (" + s.caudalExtent().get() + "); landmarks run head to foot"));
            }
        }
        Optional<LocalDate> opDate = c.operation().map(Operation::date);
        opDate.ifPresent(op -> {
            c.neoadjuvant().ifPresent(n -> {
                n.radiotherapy().flatMap(Neoadjuvant.Radiotherapy::endDate).filter(d -> d.isAfter(op)).ifPresent(d ->
                        errors.add(new InputError("/neoadjuvant/radiotherapy/endDate", "neoadjuvant radiotherapy ends (" + d
                                + ") after the operation (" + op + ")")));
                n.chemotherapy().flatMap(Neoadjuvant.Chemotherapy::endDate).filter(d -> d.isAfter(op)).ifPresent(d ->
                        errors.add(new InputError("/neoadjuvant/chemotherapy/endDate", "neoadjuvant chemotherapy ends (" + d
                                + ") after the operation (" + op + ")")));
            });
            for (FollowUp v : c.followUp()) {
                if (v.date().isBefore(op)) {
                    errors.add(new InputError(v.pointer("date"), "a follow-up visit (" + v.date() + ") cannot precede the operation ("
                            + op + ")"));
                }
            }
            c.outcome().filter(o -> o.lastContactDate().isBefore(op)).ifPresent(o -> errors.add(new InputError(
                    "/outcome/lastContactDate", "the last contact (" + o.lastContactDate() + ") cannot precede the operation ("
                            + op + ")")));
        });
        c.operation().ifPresent(op -> {
            if (op.conduit().isPresent() && op.ivcManagement().filter(NO_CONDUIT::contains).isPresent()) {
                errors.add(new InputError("/operation/conduit", "a conduit (" + op.conduit().get() + ") cannot go with IVC management "
                        + op.ivcManagement().get() + "; only a patch or a graft uses one"));
            }
            if (op.conduitDiameterMm().isPresent() && op.conduit().isEmpty()) {
                errors.add(new InputError("/operation/conduitDiameterMm", "a conduit diameter is given but no conduit is recorded"));
            }
        });
        c.pathology().ifPresent(p -> {
            if (p.margin() == Margin.R0 && p.closestMarginMm().filter(mm -> mm == 0.0).isPresent()) {
                errors.add(new InputError("/pathology/closestMarginMm", "an R0 margin cannot be 0 mm; tumor at the ink is R1"));
            }
        });
        c.outcome().ifPresent(o -> {
            if (o.vitalStatus() == VitalStatus.ALIVE && o.causeOfDeath().isPresent()) {
                errors.add(new InputError("/outcome/causeOfDeath", "a cause of death is given for a patient recorded as alive"));
            }
            if (o.vitalStatus() == VitalStatus.DEAD) {
                for (FollowUp v : c.followUp()) {
                    if (v.date().isAfter(o.lastContactDate())) {
                        errors.add(new InputError(v.pointer("date"), "a follow-up visit (" + v.date() + ") falls after the date of death ("
                                + o.lastContactDate() + ")"));
                    }
                }
            }
        });
        for (FollowUp v : c.followUp()) {
            if (v.metastasisCount().filter(n -> n > 0).isPresent() && v.distantMetastases().filter(Set::isEmpty).isPresent()) {
                errors.add(new InputError(v.pointer("metastasisCount"), "metastases are counted but distantMetastases lists no site"));
            }
        }
        return errors;
    }
}
