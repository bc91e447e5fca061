package org.cavaplan.registry;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** What differs between the two databases the registry runs on. */
enum Dialect {

    H2("h2", "CHARACTER VARYING(1000000)", "%s", 2),
    /**
     * An import's commits on PostgreSQL do not wait for the disk, so its connections are bound by
     * the processors, which the database shares with the import on one machine: 2 gave 2,704 cases/s
     * on 2 cores, 3 gave 2,521 and 4 gave 2,256 (bench/HISTORY.md). {@code --connections} sets more.
     */
    POSTGRESQL("postgresql", "JSONB", "CAST(%s AS JSONB)", 2);

    private final String folder;
    private final String caseJsonType;
    private final String jsonParameter;
    private final int importConnections;

    Dialect(String folder, String caseJsonType, String jsonParameter, int importConnections) {
        this.folder = folder;
        this.caseJsonType = caseJsonType;
        this.jsonParameter = jsonParameter;
        this.importConnections = importConnections;
    }

    /** The dialect of a JDBC URL, or an {@link RegistryException.Invalid} for any other database. */
    static Dialect of(String jdbcUrl) {
        String url = jdbcUrl.toLowerCase(Locale.ROOT);
        if (url.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        throw new RegistryException.Invalid("the registry runs on H2 (jdbc:h2:…) or PostgreSQL (jdbc:postgresql:…), not "
                + jdbcUrl.replaceAll("(?i)password=[^&;]*", "password=…"));
    }

    /**
     * The statement that makes every committed transaction durable, if commits alone are not: H2
     * writes commits to its file in the background (every 500 ms by default), so the registry asks
     * for a {@code CHECKPOINT} before it reports a write done. PostgreSQL's commits are durable.
     */
    Optional<String> flushStatement() {
        return this == H2 ? Optional.of("CHECKPOINT") : Optional.empty();
    }

    /**
     * The statement that refreshes the planner's statistics of the case versions after a large import;
     * on PostgreSQL also their visibility map (a VACUUM, which removes nothing from an append-only
     * table), without which the planner does not read the analysis rows from their covering index
     * (migration V7) but from the wide heap, several times slower.
     */
    String analyzeStatement() {
        return this == H2 ? "ANALYZE TABLE case_version" : "VACUUM (ANALYZE) case_version";
    }

    /** Where this database's own migrations are, beside the common ones. */
    String migrations() {
        return "classpath:org/cavaplan/registry/db/" + folder;
    }

    /** Flyway placeholders for the common migrations. */
    Map<String, String> placeholders() {
        return Map.of("case_json_type", caseJsonType);
    }

    /** The SQL for the named parameter {@code :name} that holds case JSON text (see {@link NamedSql}). */
    String jsonParameter(String name) {
        return String.format(Locale.ROOT, jsonParameter, ":" + name);
    }

    /** How many connections an import uses by default. */
    int importConnections() {
        return importConnections;
    }
}
