package org.cavaplan.knowledge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The engine and the knowledge base stay pure: no framework, no I/O, no clock. */
class ModuleBoundaryTest {

    private static final JavaClasses DOMAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cavaplan.core", "org.cavaplan.knowledge");

    @Test
    void core_and_knowledge_use_only_the_java_base_library_and_each_other() {
        noClasses().that().resideInAnyPackage("org.cavaplan.core..", "org.cavaplan.knowledge..")
                .should().dependOnClassesThat().resideOutsideOfPackages(
                        "org.cavaplan.core..", "org.cavaplan.knowledge..", "java.lang..", "java.util..", "java.time..",
                        "java.math..")
                .check(DOMAIN);
    }

    @Test
    void core_and_knowledge_do_no_io_and_read_no_clock() {
        noClasses().that().resideInAnyPackage("org.cavaplan.core..", "org.cavaplan.knowledge..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.nio..", "java.net..", "java.sql..",
                        "java.lang.reflect..", "java.util.concurrent..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(DOMAIN);
    }

    @Test
    void core_does_not_depend_on_the_knowledge_base() {
        noClasses().that().resideInAPackage("org.cavaplan.core..")
                .should().dependOnClassesThat().resideInAPackage("org.cavaplan.knowledge..")
                .check(DOMAIN);
    }
}
