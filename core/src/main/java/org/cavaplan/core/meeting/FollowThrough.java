package org.cavaplan.core.meeting;

import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.model.Conduit;
import org.cavaplan.core.model.IvcManagement;
import org.cavaplan.core.model.Neoadjuvant;
import org.cavaplan.core.model.Operation;
import org.cavaplan.core.model.Postoperative;
import org.cavaplan.core.plan.Status;

/**
 * Whether what was done matched what the board decided, for one verdict on one recommendation (issue
 * 22, item 7). The definition, in three steps:
 *
 * <ol>
 *   <li><b>What the board wanted</b> done about the treatment the recommendation names: the
 *       recommendation's status in the plan as of the meeting date says "do it" (RECOMMENDED) or
 *       "don't" (NOT_RECOMMENDED, CONTRAINDICATED); ACCEPT keeps that direction and REJECT reverses it.
 *       CONSIDER and CONDITIONAL give no direction, and MODIFY changes the treatment in words the
 *       registry cannot compare: those verdicts are not assessed.</li>
 *   <li><b>What was done</b>, from the case's latest version: only for the recommendations of
 *       {@link #treatments()}, each reading one fact of the operation or of the therapy before or
 *       after it (neoadjuvant radiotherapy or chemotherapy, adjuvant radiotherapy or chemotherapy, an
 *       operation, the IVC management, the conduit). A fact not (yet) recorded is unknown: not assessed.</li>
 *   <li><b>Matched</b> when both are known and agree.</li>
 * </ol>
 * Stateless.
 */
public final class FollowThrough {

    private FollowThrough() {}

    /** The treatment a recommendation names and how the case shows whether it was given: done, not done, unknown. */
    public record Treatment(String recommendationId, String words, Function<Case, Optional<Boolean>> done) {}

    /** The recommendations whose follow-through a case shows, each with the fact it is read from. */
    public static List<Treatment> treatments() {
        return List.of(
                new Treatment("neoadjuvant.radiotherapy", "radiotherapy before the operation",
                        c -> beforeOperation(c, n -> n.radiotherapy().isPresent())),
                new Treatment("neoadjuvant.chemotherapy", "chemotherapy before the operation",
                        c -> beforeOperation(c, n -> n.chemotherapy().isPresent())),
                new Treatment("adjuvant.radiotherapy", "radiotherapy after the operation",
                        c -> c.postoperative().flatMap(Postoperative::adjuvantRadiotherapyGy).map(gy -> gy > 0)),
                new Treatment("adjuvant.radiotherapy-boost", "a radiotherapy boost after the operation",
                        c -> c.postoperative().flatMap(Postoperative::adjuvantRadiotherapyGy).map(gy -> gy > 0)),
                new Treatment("adjuvant.chemotherapy", "chemotherapy after the operation",
                        c -> c.postoperative().flatMap(Postoperative::adjuvantChemotherapy)),
                new Treatment("intent.curative-resection", "a resection", FollowThrough::operated),
                new Treatment("intent.palliative-resection", "a resection", FollowThrough::operated),
                new Treatment("neoadjuvant.proceed-to-surgery", "a resection", FollowThrough::operated),
                new Treatment("ivc.ligation", "ligation of the IVC", c -> ivc(c, IvcManagement.LIGATION)),
                new Treatment("ivc.primary-repair", "primary repair of the IVC", c -> ivc(c, IvcManagement.PRIMARY_REPAIR)),
                new Treatment("ivc.patch-cavoplasty", "patch cavoplasty", c -> ivc(c, IvcManagement.PATCH_CAVOPLASTY)),
                new Treatment("ivc.interposition-graft", "an interposition graft", c -> ivc(c, IvcManagement.INTERPOSITION_GRAFT)),
                new Treatment("ivc.autologous-vein-conduit", "an autologous vein conduit",
                        c -> conduit(c).map(k -> k == Conduit.AUTOLOGOUS_VEIN)),
                new Treatment("ivc.prosthetic-conduit", "a prosthetic conduit",
                        c -> conduit(c).map(k -> k == Conduit.RINGED_PTFE || k == Conduit.BOVINE_PERICARDIUM)));
    }

    /** What the case shows about the treatment {@code recommendationId} names; empty when it shows nothing. */
    public static Optional<Boolean> done(String recommendationId, Case kase) {
        return treatments().stream().filter(t -> t.recommendationId().equals(recommendationId)).findFirst()
                .flatMap(t -> t.done().apply(kase));
    }

    /** What the board wanted done about the treatment: do it (true), don't (false), or no direction (empty). */
    public static Optional<Boolean> wanted(Status statusAtMeeting, Verdict verdict) {
        Optional<Boolean> advised = switch (statusAtMeeting) {
            case RECOMMENDED -> Optional.of(true);
            case NOT_RECOMMENDED, CONTRAINDICATED -> Optional.of(false);
            case CONSIDER, CONDITIONAL -> Optional.empty();
        };
        return switch (verdict) {
            case ACCEPT -> advised;
            case REJECT -> advised.map(a -> !a);
            case MODIFY -> Optional.empty();
        };
    }

    /**
     * Whether what was done matched the board: empty when not assessable (no status at the meeting,
     * no direction, or nothing recorded yet).
     */
    public static Optional<Boolean> matched(String recommendationId, Optional<Status> statusAtMeeting, Verdict verdict, Case kase) {
        Optional<Boolean> wanted = statusAtMeeting.flatMap(s -> wanted(s, verdict));
        Optional<Boolean> done = done(recommendationId, kase);
        return wanted.isPresent() && done.isPresent() ? Optional.of(wanted.get().equals(done.get())) : Optional.empty();
    }

    /** A therapy before the operation: recorded or not once the operation is recorded; unknown before it unless recorded. */
    private static Optional<Boolean> beforeOperation(Case c, java.util.function.Predicate<Neoadjuvant> given) {
        boolean recorded = c.neoadjuvant().map(given::test).orElse(false);
        if (recorded) {
            return Optional.of(true);
        }
        return c.operation().isPresent() ? Optional.of(false) : Optional.empty();
    }

    private static Optional<Boolean> operated(Case c) {
        return c.operation().isPresent() ? Optional.of(true) : Optional.empty();
    }

    private static Optional<Boolean> ivc(Case c, IvcManagement management) {
        return c.operation().flatMap(Operation::ivcManagement).map(m -> m == management);
    }

    private static Optional<Conduit> conduit(Case c) {
        return c.operation().flatMap(Operation::conduit);
    }
}
