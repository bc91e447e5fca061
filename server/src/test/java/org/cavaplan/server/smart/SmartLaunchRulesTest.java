package org.cavaplan.server.smart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The rules of CavaPlan's side of the SMART EHR launch that need no EHR: PKCE, scopes, registrations. */
class SmartLaunchRulesTest {

    @Test
    void thePkceChallengeIsTheOneOfRfc7636AppendixB() {
        assertThat(SmartLaunch.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"))
                .isEqualTo("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
    }

    @Test
    void aVerifierHasBetween43And128UnreservedCharactersAndIsNeverRepeated() {
        String a = SmartLaunch.random(48);
        assertThat(a).hasSizeBetween(43, 128).matches("[A-Za-z0-9_-]+");
        assertThat(SmartLaunch.random(48)).isNotEqualTo(a);
    }

    @Test
    void theScopesAskForTheLaunchTheUserAndReadingEachTypeThePrefetchReads() {
        assertThat(SmartLaunch.scope().split(" ")).startsWith("launch", "openid", "fhirUser")
                .contains("patient/Patient.rs", "patient/Condition.rs", "patient/Observation.rs", "patient/DiagnosticReport.rs",
                        "patient/Procedure.rs", "patient/Encounter.rs", "patient/MedicationStatement.rs");
    }

    @Test
    void readingIsGrantedBySmartTwoOrOneScopesForTheTypeOrAnyType() {
        assertThat(SmartLaunch.grantsRead("launch patient/Condition.rs", "Condition")).isTrue();
        assertThat(SmartLaunch.grantsRead("patient/Condition.r", "Condition")).isTrue();
        assertThat(SmartLaunch.grantsRead("patient/Condition.cruds", "Condition")).isTrue();
        assertThat(SmartLaunch.grantsRead("patient/*.read", "Observation")).isTrue();
        assertThat(SmartLaunch.grantsRead("user/Observation.rs", "Observation")).isTrue();
        assertThat(SmartLaunch.grantsRead("patient/Condition.rs?category=problem-list-item", "Condition")).isTrue();
    }

    @Test
    void readingIsNotGrantedByWriteScopesOtherTypesOrSystemScopes() {
        assertThat(SmartLaunch.grantsRead("patient/Condition.c", "Condition")).isFalse();
        assertThat(SmartLaunch.grantsRead("patient/Condition.write", "Condition")).isFalse();
        assertThat(SmartLaunch.grantsRead("patient/Observation.rs", "Condition")).isFalse();
        assertThat(SmartLaunch.grantsRead("launch openid fhirUser", "Condition")).isFalse();
        assertThat(SmartLaunch.grantsRead("system/Condition.rs", "Condition")).isFalse();
    }

    @Test
    void aRegisteredEhrIsFoundByItsIssuerWithOrWithoutATrailingSlashAndNoOtherIs(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ehrs.json");
        Files.writeString(file, "{\"ehrs\": [{\"iss\": \"https://ehr.example/fhir/\", \"clientId\": \"cavaplan-at-ehr\"},"
                + " {\"iss\": \"https://other.example/r4\", \"clientId\": \"c2\", \"name\": \"Children's hospital\"}]}");
        SmartEhrs ehrs = SmartEhrs.load(file);
        assertThat(ehrs.forIssuer("https://ehr.example/fhir")).map(SmartEhrs.Registration::name).as("by default its host")
                .hasValue("ehr.example");
        assertThat(ehrs.forIssuer("https://other.example/r4")).map(SmartEhrs.Registration::name).hasValue("Children's hospital");
        assertThat(ehrs.forIssuer("https://ehr.example/fhir")).map(SmartEhrs.Registration::clientId).hasValue("cavaplan-at-ehr");
        assertThat(ehrs.forIssuer("https://ehr.example/fhir/")).isPresent();
        assertThat(ehrs.forIssuer("https://evil.example/fhir")).isEmpty();
        assertThat(SmartEhrs.none().forIssuer("https://ehr.example/fhir")).isEmpty();
    }

    @Test
    void demoModeAcceptsAnyWebIssuerUnderTheDemoClientIdButNothingElse() {
        assertThat(SmartEhrs.demo().forIssuer("https://launch.example/v/r4/fhir")).map(SmartEhrs.Registration::clientId)
                .hasValue(SmartEhrs.DEMO_CLIENT_ID);
        assertThat(SmartEhrs.demo().forIssuer("file:///etc/passwd")).isEmpty();
        assertThat(SmartEhrs.demo().forIssuer("not a url")).isEmpty();
    }

    @Test
    void aRegistrationFileWithoutAClientIdOrWithABadIssuerIsRefusedNamingTheField(@TempDir Path dir) throws Exception {
        Path noClient = dir.resolve("a.json");
        Files.writeString(noClient, "{\"ehrs\": [{\"iss\": \"https://ehr.example/fhir\"}]}");
        assertThatThrownBy(() -> SmartEhrs.load(noClient)).hasMessageContaining("/ehrs/0/clientId");
        Path badIss = dir.resolve("b.json");
        Files.writeString(badIss, "{\"ehrs\": [{\"iss\": \"ftp://ehr.example\", \"clientId\": \"x\"}]}");
        assertThatThrownBy(() -> SmartEhrs.load(badIss)).hasMessageContaining("/ehrs/0/iss");
        Path none = dir.resolve("c.json");
        Files.writeString(none, "{}");
        assertThatThrownBy(() -> SmartEhrs.load(none)).hasMessageContaining("/ehrs");
    }
}
