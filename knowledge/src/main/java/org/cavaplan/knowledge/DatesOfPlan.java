package org.cavaplan.knowledge;

import java.time.temporal.ChronoUnit;
import java.util.List;
import org.cavaplan.core.model.ImagingStudy;
import org.cavaplan.core.plan.Finding;
import org.cavaplan.core.plan.Warning;

/** The warnings of the v2 date rule (plan contract §3, §7.20, §7.21): data after the plan's date, stale imaging. */
final class DatesOfPlan {

    private DatesOfPlan() {}

    static void warnings(Facts f, List<Finding> findings) {
        if (f.asOfBeforeFirstStudy) {
            findings.add(new Warning("AS_OF_BEFORE_FIRST_STUDY", "The plan's date " + f.asOf
                    + " is before the first imaging study; the plan reads that study as if it had been done."));
        }
        if (!f.ignoredAfterAsOf.isEmpty()) {
            findings.add(new Warning("DATA_AFTER_AS_OF", "Left out of this plan as dated after " + f.asOf + ": "
                    + String.join("; ", f.ignoredAfterAsOf) + "."));
        }
        if (f.beforeOperation() && !f.byDate.isEmpty()) {
            ImagingStudy latest = f.byDate.get(f.byDate.size() - 1);
            long days = ChronoUnit.DAYS.between(latest.date(), f.asOf);
            int limit = f.settings.whole(Thresholds.STALE_IMAGING_DAYS);
            if (days > limit) {
                findings.add(new Warning("STALE_CASE_DATA", "The latest imaging (" + latest.date() + ") is " + days
                        + " days old, more than " + limit + ": restage before deciding."));
            }
        }
    }
}
