package org.medscribe.clinical;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

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
}
