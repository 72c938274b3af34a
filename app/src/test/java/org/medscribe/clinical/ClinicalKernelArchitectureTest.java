package org.medscribe.clinical;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The clinical kernel is shared knowledge of clinical text: features use it, it uses no feature. */
@AnalyzeClasses(packages = "org.medscribe", importOptions = ImportOption.DoNotIncludeTests.class)
class ClinicalKernelArchitectureTest {

    @ArchTest
    static final ArchRule kernelDependsOnNoFeature = classes()
            .that().resideInAPackage("org.medscribe.clinical..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.medscribe.clinical..", "java..",
                    "com.fasterxml.jackson..")
            .because("drafting and quality review share the kernel; it knows no settings, screens or storage");

    @ArchTest
    static final ArchRule qualityRulesDoNotBorrowDraftingText = noClasses()
            .that().resideInAPackage("org.medscribe.quality.rules..")
            .should().dependOnClassesThat().resideInAPackage("org.medscribe.draft..")
            .because("the rules read clinical text through the kernel, not through drafting's tools");
}
