package org.cavaplan.core.vocabulary;

import java.util.Map;
import org.cavaplan.core.plan.SourceRef;

/** A citation as a clinician reads it: "Review article, Operative Procedure", "LMS-04"; the full citation is in the catalogue. */
public final class SourceWords {

    /** Names for the catalogue ids that are codes rather than names. */
    private static final Map<String, String> NAMES = Map.of(
            "seed", "Review article",
            "cavaplan-assumption", "CavaPlan assumption",
            "expert-opinion", "Expert opinion",
            "caval-surgery-series", "Surgical series",
            "ajcc-8", "AJCC 8th edition",
            "recist-1.1", "RECIST 1.1");

    private SourceWords() {}

    /** The source's name and where in it, in words. */
    public static String of(SourceRef ref) {
        String name = NAMES.get(ref.id());
        if (name == null) {
            return ref.id();
        }
        if ("seed".equals(ref.id())) {
            return name + ", " + ref.locator();
        }
        return name;
    }
}
