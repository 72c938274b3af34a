package org.medscribe.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

    @ArchTest
    static final ArchRule screensDoNotUseOtherScreens = classes()
            .that().resideInAPackage("org.medscribe.*.ui..")
            .should(useNoOtherFeaturesScreens())
            .because("what two screens share lives in the domain or in org.medscribe.ui; "
                    + "only the shell in org.medscribe.app sees every screen");

    @ArchTest
    static final ArchRule domainDoesNotUseSettingsOrViews = noClasses()
            .that().resideOutsideOfPackages("..ui..", "org.medscribe.app..", "org.medscribe.cli..",
                    "org.medscribe.services..", "org.medscribe.settings..")
            .should().dependOnClassesThat().resideInAnyPackage("org.medscribe.settings..", "..ui..")
            .because("domain services get plain values from the composition root, not the settings "
                    + "file, and never see a screen");

    @ArchTest
    static final ArchRule qualityDoesNotUseDrafting = noClasses()
            .that().resideInAPackage("org.medscribe.quality..")
            .should().dependOnClassesThat().resideInAPackage("org.medscribe.draft..")
            .because("quality control checks a record against its sources with the shared evidence tools "
                    + "(org.medscribe.evidence) and the clinical kernel, not with drafting's classes");

    @ArchTest
    static final ArchRule draftingDoesNotUseQuality = noClasses()
            .that().resideInAPackage("org.medscribe.draft..")
            .should().dependOnClassesThat().resideInAPackage("org.medscribe.quality..")
            .because("drafting writes a record; checking it is quality control's business");

    @ArchTest
    static final ArchRule sharedToolsUseNoFeature = classes()
            .that().resideInAnyPackage("org.medscribe.evidence..", "org.medscribe.record..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("org.medscribe.evidence..",
                    "org.medscribe.record..", "org.medscribe.clinical..", "org.medscribe.common..", "java..",
                    "com.fasterxml.jackson..")
            .because("drafting, suggestions and quality control share the record, its templates and the "
                    + "evidence tools; those know no feature");

    private static final Pattern SCREEN = Pattern.compile("org\\.medscribe\\.([^.]+)\\.ui(\\..*)?");

    /** The feature whose screens a class belongs to, e.g. "review" for org.medscribe.review.ui.x. */
    private static Optional<String> screenFeature(JavaClass type) {
        Matcher m = SCREEN.matcher(type.getPackageName());
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private static ArchCondition<JavaClass> useNoOtherFeaturesScreens() {
        return new ArchCondition<>("depend on no other feature's screens") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String own = screenFeature(origin).orElseThrow();
                origin.getDirectDependenciesFromSelf().forEach(dependency -> {
                    Optional<String> target = screenFeature(dependency.getTargetClass());
                    if (target.isPresent() && !target.get().equals(own)) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                });
            }
        };
    }
}
