package org.cavaplan.fhir;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * HAPI stays in this module: the engine's model never holds a FHIR type (knowledge's
 * ModuleBoundaryTest keeps core and knowledge to the Java base library; this checks the same from
 * the side that has HAPI on its class path), and the case and plan records are what this module
 * hands out besides FHIR resources.
 */
class ModuleBoundaryTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cavaplan.core", "org.cavaplan.io", "org.cavaplan.fhir");

    @Test
    void noHapiTypeReachesTheCoreOrTheJsonAdapter() {
        noClasses().that().resideInAnyPackage("org.cavaplan.core..", "org.cavaplan.io..")
                .should().dependOnClassesThat().resideInAnyPackage("ca.uhn..", "org.hl7..", "org.cavaplan.fhir..")
                .check(CLASSES);
    }
}
