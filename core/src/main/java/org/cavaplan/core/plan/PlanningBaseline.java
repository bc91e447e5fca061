package org.cavaplan.core.plan;

import java.util.Objects;
import java.util.Optional;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.model.Landmark;
import org.cavaplan.core.model.RegionalNodes;

/**
 * The planning baseline (plan contract §2): the latest imaging study on or before the operation (the
 * latest study when there is none), what it tells of the tumor's extent along the IVC, the tumor size
 * the rules read, and the pretreatment study the clinical stage reads.
 *
 * @param study the planning baseline study: the latest study dated on or before the operation
 * @param extent the cranial and caudal extents, when both are recorded on the baseline studies
 * @param size the tumor size the rules read: the pathologist's largest diameter, else the longest
 *     diameter on the latest pre-operative study that measured one
 * @param pretreatment the pretreatment size: the latest measured study before neoadjuvant therapy
 *     ended (the RECIST baseline), else the planning baseline's measured study
 * @param clinicalNodes the regional lymph nodes the clinical AJCC stage reads: those of the latest
 *     pre-operative study that records them; empty when none does
 */
public record PlanningBaseline(ImagingStudy study, Optional<Extent> extent, Optional<TumorSize> size,
        Optional<TumorSize> pretreatment, Optional<RegionalNodes> clinicalNodes) {

    public PlanningBaseline {
        Objects.requireNonNull(study, "study");
        Objects.requireNonNull(extent, "extent");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(pretreatment, "pretreatment");
        Objects.requireNonNull(clinicalNodes, "clinicalNodes");
        if (pretreatment.filter(s -> s.source() != SizeSource.IMAGING).isPresent()) {
            throw new IllegalArgumentException("the pretreatment size is measured on imaging");
        }
    }

    /**
     * The tumor's extent along the IVC, each end read per field from the latest pre-operative study that
     * records it; {@code study} is the later of the two (by date, then position in the case).
     */
    public record Extent(Landmark cranial, Landmark caudal, ImagingStudy study) {
        public Extent {
            Objects.requireNonNull(cranial, "cranial");
            Objects.requireNonNull(caudal, "caudal");
            Objects.requireNonNull(study, "study");
        }
    }

    /** Where a tumor size comes from. */
    public enum SizeSource { PATHOLOGY, IMAGING }

    /**
     * A tumor size in cm and where it comes from; {@code study} is the imaging study that measured it,
     * present exactly for {@link SizeSource#IMAGING}.
     */
    public record TumorSize(double cm, SizeSource source, Optional<ImagingStudy> study) {
        public TumorSize {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(study, "study");
            if (!(cm > 0) || !Double.isFinite(cm)) {
                throw new IllegalArgumentException("a tumor size is a positive number of cm: " + cm);
            }
            if (study.isPresent() != (source == SizeSource.IMAGING)) {
                throw new IllegalArgumentException("a size names its imaging study exactly when imaging measured it");
            }
        }

        /** The pointer of the value the size was read from, e.g. {@code /imaging/0/tumorDiametersCm}. */
        public String pointer() {
            return study.map(s -> s.pointer("tumorDiametersCm")).orElse("/pathology/maxDiameterCm");
        }
    }
}
