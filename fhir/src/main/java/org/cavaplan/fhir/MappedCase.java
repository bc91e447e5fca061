package org.cavaplan.fhir;

import java.util.List;
import java.util.Optional;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;

/**
 * A case read from FHIR resources, with the case JSON they were turned into: present exactly when
 * {@code result} is valid, so that what is stored is what was planned.
 */
public record MappedCase(ReadResult result, Optional<String> caseJson) {

    public MappedCase {
        if ((result instanceof ReadResult.Valid) != caseJson.isPresent()) {
            throw new IllegalArgumentException("the case JSON is kept exactly for a valid case");
        }
    }

    static MappedCase invalid(List<InputError> errors) {
        return new MappedCase(new ReadResult.Invalid(errors), Optional.empty());
    }
}
