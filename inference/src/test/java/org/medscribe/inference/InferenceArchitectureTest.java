package org.medscribe.inference;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the model runtime free of UI and keeps the native binding behind one package. */
@AnalyzeClasses(packages = "org.medscribe", importOptions = ImportOption.DoNotIncludeTests.class)
class InferenceArchitectureTest {

    @ArchTest
    static final ArchRule inferenceHasNoJavaFx = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("javafx..")
            .because("the engine runs headless, in the CLI and in the worker process");

    @ArchTest
    static final ArchRule nativeBindingOnlyInLlamaPackage = noClasses()
            .that().resideOutsideOfPackage("org.medscribe.inference.llama..")
            .should().dependOnClassesThat().resideInAnyPackage("de.kherud..")
            .because("java-llama.cpp is an implementation detail of the engine (STYLE.md §1)");

    @ArchTest
    static final ArchRule commonKernelDependsOnNothingOfOurs = classes()
            .that().resideInAPackage("org.medscribe.common..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.medscribe.common..", "java..")
            .because("the shared kernel sits below every module and needs no library");

    @ArchTest
    static final ArchRule childProcessesKnowNoFeature = noClasses()
            .that().resideInAPackage("org.medscribe.process..")
            .should().dependOnClassesThat().resideInAnyPackage("org.medscribe.inference..", "de.kherud..")
            .because("the child-process protocol serves the engine and the import worker alike");
}
