package org.cavaplan.server.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cavaplan.io.CaseReader;
import org.cavaplan.io.ReadResult;

/**
 * The case versions and their audit entries as the database holds them, read around the registry
 * with plain SQL, and the checks of a crash test against what the writers sent.
 */
final class StoredVersions {

    /** One row of {@code case_version}, with the extracted columns the test checks. */
    record Row(String caseId, int version, Optional<Integer> previousVersion, String changeKind, String content,
            String contentSha256, int ageYears, String sex, Optional<Double> closestMarginMm) {}

    /** What the checks found: acknowledged writes found, and versions stored that were never acknowledged. */
    record Found(int acknowledged, int acknowledgedFound, int unacknowledgedStored, int versions, int cases) {}

    private static final Pattern VERSION_DETAIL = Pattern.compile("version (\\d+): .*", Pattern.DOTALL);
    private static final CaseReader READER = CaseReader.create();

    private final List<Row> rows;
    /** (case id, version) of every CREATE and UPDATE audit entry, with how often it occurs. */
    private final Map<String, Integer> audited;

    private StoredVersions(List<Row> rows, Map<String, Integer> audited) {
        this.rows = List.copyOf(rows);
        this.audited = Map.copyOf(audited);
    }

    /** Reads every case version and every CREATE/UPDATE audit entry. */
    static StoredVersions read(Connection c) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT case_id, version, previous_version, change_kind, "
                + "CAST(content AS VARCHAR(1000000)) AS content_text, content_sha256, age_years, sex, closest_margin_mm "
                + "FROM case_version ORDER BY case_id, version");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                int previous = rs.getInt("previous_version");
                Optional<Integer> previousVersion = rs.wasNull() ? Optional.empty() : Optional.of(previous);
                double margin = rs.getDouble("closest_margin_mm");
                Optional<Double> closest = rs.wasNull() ? Optional.empty() : Optional.of(margin);
                rows.add(new Row(rs.getString("case_id"), rs.getInt("version"), previousVersion, rs.getString("change_kind"),
                        rs.getString("content_text"), rs.getString("content_sha256"), rs.getInt("age_years"),
                        rs.getString("sex"), closest));
            }
        }
        Map<String, Integer> audited = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT target, detail FROM audit_event "
                + "WHERE event_action IN ('CREATE', 'UPDATE') AND event_outcome = 'OK'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Matcher m = VERSION_DETAIL.matcher(rs.getString("detail"));
                assertThat(m.matches()).as("audit detail %s", rs.getString("detail")).isTrue();
                audited.merge(key(rs.getString("target"), Integer.parseInt(m.group(1))), 1, Integer::sum);
            }
        }
        return new StoredVersions(rows, audited);
    }

    private static String key(String caseId, int version) {
        return caseId + "#" + version;
    }

    /**
     * Checks that every acknowledged write is stored with exactly the content sent; that each
     * case's versions run 1..n without a gap, each chained to the one before; that every stored
     * version is a valid case whose extracted columns agree with its content and whose content is
     * one the writers sent for that case (nothing half-written or foreign); and that the audit log
     * has exactly one CREATE or UPDATE entry per version and none for a version not stored.
     */
    Found check(Ledger ledger) {
        Map<String, Row> byKey = new LinkedHashMap<>();
        Map<String, List<Row>> byCase = new LinkedHashMap<>();
        for (Row row : rows) {
            byKey.put(key(row.caseId(), row.version()), row);
            byCase.computeIfAbsent(row.caseId(), id -> new ArrayList<>()).add(row);
        }
        byCase.forEach((caseId, versions) -> {
            for (int i = 0; i < versions.size(); i++) {
                Row row = versions.get(i);
                assertThat(row.version()).as("versions of %s run from 1 without a gap", caseId).isEqualTo(i + 1);
                assertThat(row.previousVersion()).as("%s version %d follows the one before", caseId, row.version())
                        .isEqualTo(i == 0 ? Optional.empty() : Optional.of(i));
                assertThat(row.changeKind()).as("%s version %d", caseId, row.version())
                        .isEqualTo(i == 0 ? "CREATED" : "UPDATED");
            }
        });
        for (Row row : rows) {
            String what = row.caseId() + " version " + row.version();
            assertThat(READER.read(row.content())).as("%s is a valid case", what).isInstanceOf(ReadResult.Valid.class);
            JsonNode content = CaseContent.parse(row.content());
            assertThat(content.get("caseId").asText()).as(what).isEqualTo(row.caseId());
            assertThat(row.ageYears()).as("%s: extracted age", what).isEqualTo(content.at("/patient/ageYears").asInt());
            assertThat(row.sex()).as("%s: extracted sex", what).isEqualTo(content.at("/patient/sex").asText());
            assertThat(row.closestMarginMm()).as("%s: extracted closest margin", what)
                    .hasValueSatisfying(mm -> assertThat(mm).isEqualTo(content.at("/pathology/closestMarginMm").asDouble()));
            assertThat(ledger.sent(row.caseId())).as("%s holds a content that was sent for it", what)
                    .anySatisfy(sent -> assertThat(CaseContent.sameValue(sent, content)).isTrue());
        }
        Map<String, Ledger.Acknowledged> acks = new HashMap<>();
        for (Ledger.Acknowledged ack : ledger.acknowledged()) {
            String key = key(ack.caseId(), ack.version());
            assertThat(acks.put(key, ack)).as("%s was acknowledged twice", key).isNull();
            Row row = byKey.get(key);
            assertThat(row).as("the acknowledged %s version %d is stored", ack.caseId(), ack.version()).isNotNull();
            assertThat(row.contentSha256()).as(key).isEqualTo(ack.contentSha256());
            assertThat(CaseContent.sameValue(ack.sent(), CaseContent.parse(row.content())))
                    .as("%s holds exactly the content that was acknowledged", key).isTrue();
        }
        for (String key : byKey.keySet()) {
            assertThat(audited.getOrDefault(key, 0)).as("audit entries of %s", key).isEqualTo(1);
        }
        assertThat(byKey.keySet()).as("every audited write is stored").containsAll(audited.keySet());
        return new Found(acks.size(), (int) acks.keySet().stream().filter(byKey::containsKey).count(),
                rows.size() - acks.size(), rows.size(), byCase.size());
    }
}
