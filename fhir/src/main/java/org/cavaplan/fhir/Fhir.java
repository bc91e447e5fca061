package org.cavaplan.fhir;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;
import org.hl7.fhir.instance.model.api.IBaseResource;

/**
 * The process's one FHIR R4 context (creating one is expensive) and the JSON form CavaPlan writes.
 * Thread-safe.
 */
public final class Fhir {

    private Fhir() {}

    /**
     * The shared R4 context. Held here once built: HAPI's own cache takes a lock on every lookup,
     * and a CDS Hooks request looks the context up once per prefetched resource.
     */
    public static FhirContext context() {
        return Shared.R4;
    }

    /** Built on first use (it takes most of a second), by the class loader's lock, once. */
    private static final class Shared {
        static final FhirContext R4 = FhirContext.forR4Cached();
    }

    /** A resource as pretty-printed FHIR JSON. */
    public static String json(IBaseResource resource) {
        IParser parser = context().newJsonParser().setPrettyPrint(true);
        return parser.encodeResourceToString(resource);
    }

    /** The CavaPlan CodeSystem resource as published with this module, in FHIR JSON. */
    public static String codeSystemJson() {
        return CodeSystemText.text();
    }

    /** The canonical URL of the CavaPlan CodeSystem. */
    public static String codeSystemUrl() {
        return Codes.CAVAPLAN;
    }
}
