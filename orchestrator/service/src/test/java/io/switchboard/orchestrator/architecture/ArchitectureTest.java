package io.switchboard.orchestrator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The boundaries a newcomer reads off the folder tree, held against the code: the saga engine is a library that knows
 * nothing of the product, and neither the engine's nor the product's packages import each other in circles.
 */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.switchboard.saga", "io.switchboard.orchestrator");
    }

    @Test
    void theSagaEngineDoesNotKnowTheProduct() {
        noClasses().that().resideInAPackage("io.switchboard.saga..")
                .should().dependOnClassesThat().resideInAPackage("io.switchboard.orchestrator..")
                .because("the engine is a library; the product builds on it, never the other way round")
                .check(classes);
    }

    @Test
    void theEnginesPackagesHaveNoCycles() {
        slices().matching("io.switchboard.saga.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theProductsPackagesHaveNoCycles() {
        slices().matching("io.switchboard.orchestrator.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void nothingOfTheOrchestratorUsesTheLocalStackOrTheSimulators() {
        noClasses().that().resideInAnyPackage("io.switchboard.saga..", "io.switchboard.orchestrator..")
                .should().dependOnClassesThat().resideInAnyPackage("io.switchboard.infra..", "io.switchboard.sim..",
                        "io.switchboard.testsupport..", "io.switchboard.launcher..", "io.switchboard.harness..")
                .because("nothing but tests and the launcher depends on infra")
                .check(classes);
    }
}
