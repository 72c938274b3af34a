package org.medscribe.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layout rules of STYLE.md §1, checked on the app module. */
@AnalyzeClasses(packages = "org.medscribe", importOptions = ImportOption.DoNotIncludeTests.class)
class AppArchitectureTest {

    @ArchTest
    static final ArchRule noNativeBindingInApp = noClasses()
            .that().resideOutsideOfPackage("org.medscribe.inference..")
            .should().dependOnClassesThat().resideInAnyPackage("de.kherud..")
            .because("only inference talks to java-llama.cpp");

    @ArchTest
    static final ArchRule javaFxOnlyInViewsAndShell = noClasses()
            .that().resideOutsideOfPackages("..ui..", "org.medscribe.app..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("services are plain Java, shared with the command line and tests");

    @ArchTest
    static final ArchRule servicesDoNotUseViews = noClasses()
            .that().resideOutsideOfPackages("..ui..", "org.medscribe.app..")
            .should().dependOnClassesThat().resideInAnyPackage("..ui..")
            .because("views depend on services, never the reverse");

    @ArchTest
    static final ArchRule featuresHaveNoCycles = slices()
            .matching("org.medscribe.(*)..")
            .should().beFreeOfCycles();
}
