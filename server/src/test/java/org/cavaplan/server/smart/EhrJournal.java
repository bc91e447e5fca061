package org.cavaplan.server.smart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** What the test EHR saw: the FHIR requests it served and the protocol violations of the client. Thread-safe. */
final class EhrJournal {

    private final List<String> problems = new CopyOnWriteArrayList<>();
    private final List<String> fhirRequests = new CopyOnWriteArrayList<>();

    /** Records a violation, in words a developer reads, e.g. "token request: the code_verifier does not match". */
    void problem(String sentence) {
        problems.add(sentence);
    }

    void fhirRequest(String line) {
        fhirRequests.add(line);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    List<String> fhirRequests() {
        return List.copyOf(fhirRequests);
    }
}
