package org.cavaplan.cli;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Arrays;
import org.cavaplan.knowledge.CavaPlanKnowledge;
import org.cavaplan.knowledge.Plausibility;
import org.cavaplan.knowledge.Settings;
import org.junit.jupiter.api.Test;

/**
 * The module table of {@code design/architecture.md}, checked on the compiled classes of every module
 * (this module depends on all of them): each module depends only on the modules the table allows, and
 * the adapters reach the knowledge base only through its published entry points.
 */
class ArchitectureTest {

    private static final JavaClasses ALL = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.cavaplan");

    /**
     * What the adapters may use of {@code org.cavaplan.knowledge}: the entry point that builds the
     * knowledge base (and its sources for citations), the settings a center changes with
     * {@code --assumption}, and the plausibility checks of a case's numbers. Everything else the
     * knowledge base decides reaches them through the engine's plan and its typed sections in core.
     */
    private static final DescribedPredicate<JavaClass> PUBLISHED_KNOWLEDGE =
            belongToAnyOf(CavaPlanKnowledge.class, Settings.class, Plausibility.class);

    @Test
    void the_adapters_reach_the_knowledge_base_only_through_its_entry_point_and_the_engines_records() {
        noClasses().that().resideInAnyPackage(packages("server", "report", "fhir", "registry"))
                .should().dependOnClassesThat(resideInAPackage("org.cavaplan.knowledge..").and(not(PUBLISHED_KNOWLEDGE)))
                .because("views render the plan's typed sections and re-derive nothing (architecture.md, one decision)")
                .check(ALL);
    }

    @Test
    void core_depends_on_no_other_module() {
        only("core");
    }

    @Test
    void the_knowledge_base_depends_only_on_core() {
        only("knowledge", "core");
    }

    @Test
    void survival_depends_on_no_other_module() {
        only("survival");
    }

    @Test
    void io_depends_only_on_core() {
        only("io", "core");
    }

    @Test
    void fhir_depends_only_on_core_and_io() {
        only("fhir", "core", "io");
    }

    @Test
    void the_registry_depends_on_core_and_io_and_on_the_knowledge_base_only_through_its_entry_point() {
        noClasses().that().resideInAPackage("org.cavaplan.registry..")
                .should().dependOnClassesThat(otherModulesThan("registry", "core", "io").and(not(PUBLISHED_KNOWLEDGE)))
                .check(ALL);
    }

    /** The report reads core (the plan, its typed sections and its words) and survival, as architecture.md says. */
    @Test
    void the_report_depends_only_on_core_and_survival() {
        only("report", "core", "survival");
    }

    @Test
    void no_module_depends_on_the_server_or_the_command_line_but_the_command_line() {
        noClasses().that().resideOutsideOfPackages("org.cavaplan.cli..", "org.cavaplan.server..", "org.cavaplan.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.cavaplan.server..", "org.cavaplan.cli..")
                .check(ALL);
        noClasses().that().resideInAPackage("org.cavaplan.server..")
                .should().dependOnClassesThat().resideInAPackage("org.cavaplan.cli..")
                .check(ALL);
    }

    @Test
    void the_checked_classes_are_those_of_every_module() {
        for (String module : new String[] {"core", "knowledge", "survival", "io", "fhir", "registry", "report", "server", "cli"}) {
            org.assertj.core.api.Assertions.assertThat(ALL.that(resideInAPackage("org.cavaplan." + module + "..")))
                    .as(module).isNotEmpty();
        }
    }

    private static void only(String module, String... allowed) {
        String[] own = new String[allowed.length + 1];
        own[0] = module;
        System.arraycopy(allowed, 0, own, 1, allowed.length);
        noClasses().that().resideInAPackage("org.cavaplan." + module + "..")
                .should().dependOnClassesThat(otherModulesThan(own))
                .check(ALL);
    }

    private static DescribedPredicate<JavaClass> otherModulesThan(String... modules) {
        return resideInAPackage("org.cavaplan..").and(not(resideInAnyPackage(packages(modules))));
    }

    private static String[] packages(String... modules) {
        return Arrays.stream(modules).map(m -> "org.cavaplan." + m + "..").toArray(String[]::new);
    }
}
