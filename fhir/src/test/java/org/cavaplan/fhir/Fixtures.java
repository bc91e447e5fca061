package org.cavaplan.fhir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.cavaplan.core.engine.Engine;
import org.cavaplan.core.model.Case;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;
import org.cavaplan.io.SyntheticCases;
import org.cavaplan.knowledge.CavaPlanKnowledge;

/** The cases the tests round-trip: golden cases, the seed case and synthetic cases. */
final class Fixtures {

    static final Path GOLDEN = Path.of("../knowledge/src/test/resources/golden");
    static final Path SEED = Path.of("../examples/seed-case.json");
    static final int SYNTHETIC = 300;
    static final CaseReader CASES = CaseReader.create();
    static final Engine ENGINE = Engine.create(CavaPlanKnowledge.create());

    private Fixtures() {}

    /** A named case text. */
    record Named(String name, String json) {
        @Override
        public String toString() {
            return name;
        }
    }

    static List<Named> golden() {
        try (Stream<Path> dirs = Files.list(GOLDEN)) {
            List<Named> list = new ArrayList<>();
            for (Path dir : dirs.sorted().toList()) {
                Path file = dir.resolve("case.json");
                if (Files.exists(file)) {
                    list.add(new Named(dir.getFileName().toString(), Files.readString(file)));
                }
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Named seed() {
        try {
            return new Named("seed-case", Files.readString(SEED));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Named> synthetic() {
        return SyntheticCases.generate(7, 1, SYNTHETIC).stream().map(n -> new Named(n.get("caseId").asText(), n.toString())).toList();
    }

    static List<Named> all() {
        List<Named> list = new ArrayList<>(golden());
        list.add(seed());
        list.addAll(synthetic());
        return list;
    }

    static Case read(String json) {
        ReadResult r = CASES.read(json);
        if (r instanceof ReadResult.Valid v) {
            return v.value();
        }
        throw new AssertionError("fixture is invalid: " + ((ReadResult.Invalid) r).errors());
    }

    static Case golden(String name) {
        try {
            return read(Files.readString(GOLDEN.resolve(name).resolve("case.json")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static org.cavaplan.core.plan.Plan plan(Case kase) {
        return ENGINE.plan(kase, kase.latestDate());
    }

    static Case seedCase() {
        return read(seed().json());
    }
}
