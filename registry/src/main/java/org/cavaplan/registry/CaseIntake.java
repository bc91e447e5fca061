package org.cavaplan.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.util.List;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.core.plan.Plan;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.InputError;
import org.cavaplan.io.ReadResult;
import org.cavaplan.knowledge.CavaPlanKnowledge;

/**
 * Turns case JSON into what the registry stores: validated exactly as {@code ./cavaplan validate}
 * does, then canonical JSON, its hash and the extracted columns. A valid text is parsed once, keeping
 * every number exactly. Pure and thread-safe.
 */
final class CaseIntake {

    /** The label of synthetic cases in their case id (see {@code SyntheticCases}). */
    static final String SYNTHETIC_PREFIX = "SYNTH-";

    /** What intake makes of a text. */
    sealed interface Prepared permits Ready, Invalid {}

    /** A case ready to be stored. */
    record Ready(String caseId, String json, String sha256, Extracted extracted, boolean synthetic, Case kase) implements Prepared {}

    /** A text that is not a valid case; {@code errors} is never empty. */
    record Invalid(List<InputError> errors) implements Prepared {}

    private final CaseReader reader = CaseReader.create();
    private final Engine engine = Engine.create(CavaPlanKnowledge.create());

    /** The knowledge base whose derivations fill the extracted columns. */
    String knowledgeBaseVersion() {
        return engine.knowledge().version();
    }

    /** A stored case's JSON (valid when it was stored) as a case. */
    Case parseStored(String json) {
        ReadResult result = reader.read(json);
        if (result instanceof ReadResult.Valid valid) {
            return valid.value();
        }
        throw new IllegalStateException("a stored case does not read back: " + ((ReadResult.Invalid) result).errors());
    }

    /** The plan of {@code kase} as of {@code asOf}, by the knowledge base that fills the extracted columns. */
    Plan plan(Case kase, LocalDate asOf) {
        return engine.plan(kase, asOf);
    }

    /**
     * The case ready to store, or the reasons it cannot be. {@code synthetic} forces the synthetic
     * mark; a case id labelled {@value #SYNTHETIC_PREFIX} is marked synthetic anyway.
     */
    Prepared prepare(String text, boolean synthetic) {
        JsonNode tree;
        try {
            tree = CanonicalJson.parse(text);
        } catch (JsonProcessingException e) {
            tree = null;
        }
        ReadResult result = tree == null || tree.isMissingNode() ? reader.read(text) : reader.read(tree);
        if (result instanceof ReadResult.Invalid invalid) {
            // Read the text again for the messages: they quote numbers as written, as the validator does.
            return reader.read(text) instanceof ReadResult.Invalid asWritten ? new Invalid(asWritten.errors())
                    : new Invalid(invalid.errors());
        }
        Case kase = ((ReadResult.Valid) result).value();
        String json = CanonicalJson.of(tree);
        return new Ready(kase.caseId(), json, CanonicalJson.sha256(json), Extracted.of(kase, engine.plan(kase, kase.latestDate())),
                synthetic || kase.caseId().startsWith(SYNTHETIC_PREFIX), kase);
    }
}
