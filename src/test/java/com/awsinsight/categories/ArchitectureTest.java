package com.awsinsight.categories;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.awsinsight.categories.domain.ports.CategoryRepository;
import com.tngtech.archunit.core.domain.JavaMethodCall;

import java.util.Set;

import static com.tngtech.archunit.base.DescribedPredicate.describe;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering, enforced on the compiled production classes: dependencies point inward. {@code domain} (the
 * rules, values and ports) needs nothing but the JDK; {@code services} (the application) only the domain; the
 * stores implement the domain's ports and know nothing of the application or the edges; {@code graphql} adapts
 * the application to GraphQL and knows nothing of HTTP, Lambda, stores or logging; {@code edge} (HTTP, the
 * legacy REST API, the local server) and {@code auth} never reach a store or the composition root; inside the
 * domain, ports need the model and never the other way round; inside the application, use cases use writes and
 * writes use the read side, never the other way round, and migration stands apart; the commands' argument parser
 * ({@code cli}) needs the JDK only; and no two packages depend on each other in a cycle. Only the composition root
 * ({@code com.awsinsight.categories} itself) sees everything, and nothing depends on it.
 */
class ArchitectureTest {
    private static final String ROOT = "com.awsinsight.categories";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);
    }

    @Test
    void theDomainNeedsNothingButTheJdk() {
        check(classes().that().resideInAPackage(ROOT + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java.."));
    }

    @Test
    void theApplicationNeedsOnlyTheDomain() {
        check(classes().that().resideInAPackage(ROOT + ".services..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".services..", ROOT + ".domain..", "java.."));
    }

    @Test
    void insideTheDomainPortsNeedTheModelNeverTheOtherWayRound() {
        check(noClasses().that().resideInAnyPackage(ROOT + ".domain.model..", ROOT + ".domain.error..", ROOT + ".domain.json..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".domain.ports..", ROOT + ".domain.coordination.."));
        check(noClasses().that().resideInAPackage(ROOT + ".domain.coordination..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".domain.ports.."));
        check(classes().that().resideInAnyPackage(ROOT + ".domain.error..", ROOT + ".domain.json..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain.error..", ROOT + ".domain.json..", "java.."));
    }

    @Test
    void insideTheApplicationUseCasesWriteAndWritesRead() {
        check(noClasses().that().resideInAPackage(ROOT + ".services.read..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".services", ROOT + ".services.write..",
                        ROOT + ".services.migration.."));
        check(noClasses().that().resideInAPackage(ROOT + ".services.write..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".services", ROOT + ".services.migration.."));
        check(noClasses().that().resideInAPackage(ROOT + ".services.migration..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".services", ROOT + ".services.read..",
                        ROOT + ".services.write.."));
    }

    /**
     * The two rules of the read and write sides hold by construction (services only reach a repository through
     * these classes); this keeps it so: category writes happen only through a {@code Hold}, and reads only through
     * {@code StoreReads} (which marks a request that read past the cached snapshot) or the request's
     * {@code OrganizationVersion} (the whole-organization read the cache stands in for). {@code services.migration}
     * stands apart: the operator's table-wide tools and the loader of demo data, which run outside requests.
     */
    @Test
    void theApplicationWritesOnlyThroughAHoldAndReadsOnlyThroughItsReads() {
        Set<String> writes = Set.of("insert", "update", "insertAll");
        check(noClasses().that().resideInAPackage(ROOT + ".services..")
                .and().resideOutsideOfPackage(ROOT + ".services.migration..")
                .and().doNotHaveFullyQualifiedName(ROOT + ".services.write.Hold")
                .should().callMethodWhere(describe("a category write of CategoryRepository", call ->
                        call.getTargetOwner().isAssignableTo(CategoryRepository.class) && writes.contains(call.getName()))));
        check(noClasses().that().resideInAPackage(ROOT + ".services..")
                .and().resideOutsideOfPackage(ROOT + ".services.migration..")
                .and().doNotHaveFullyQualifiedName(ROOT + ".services.read.StoreReads")
                .and().doNotHaveFullyQualifiedName(ROOT + ".services.read.OrganizationVersion")
                .and().doNotHaveFullyQualifiedName(ROOT + ".services.write.Hold")
                .and().doNotHaveFullyQualifiedName(ROOT + ".services.write.OrganizationWrites")
                .should().callMethodWhere(describe("a category read of CategoryRepository", call ->
                        call.getTargetOwner().isAssignableTo(CategoryRepository.class)
                                && !writes.contains(call.getName()) && !call.getName().equals("organizationId"))));
    }

    @Test
    void storesImplementTheDomainsPortsAndNothingMore() {
        check(classes().that().resideInAPackage(ROOT + ".store..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".store..", ROOT + ".domain..", "java..",
                        "software.amazon.awssdk.."));
    }

    @Test
    void graphQLAdaptsTheApplicationAndKnowsNoTransportStoreOrLog() {
        check(noClasses().that().resideInAPackage(ROOT + ".graphql..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".edge..", ROOT + ".store..", ROOT + ".auth..",
                        ROOT + ".observability..", ROOT + ".demo.."));
    }

    @Test
    void edgesAndAuthNeverReachAStore() {
        check(noClasses().that().resideInAnyPackage(ROOT + ".edge..", ROOT + ".auth..", ROOT + ".observability..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".store..", ROOT + ".demo.."));
    }

    @Test
    void authAndObservabilityStandApart() {
        check(noClasses().that().resideInAnyPackage(ROOT + ".auth..", ROOT + ".observability..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".services..", ROOT + ".graphql..", ROOT + ".edge.."));
    }

    @Test
    void theCommandLineParserNeedsOnlyTheJdk() {
        check(classes().that().resideInAPackage(ROOT + ".cli..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".cli..", "java.."));
    }

    @Test
    void nothingDependsOnTheCompositionRoot() {
        check(noClasses().that().resideOutsideOfPackage(ROOT)
                .should().dependOnClassesThat().resideInAPackage(ROOT));
    }

    @Test
    void noPackageCycles() {
        check(slices().matching(ROOT + ".(**)").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(classes);
    }
}
