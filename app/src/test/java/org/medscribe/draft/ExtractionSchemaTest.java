package org.medscribe.draft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.medscribe.common.MedScribeException;
import org.medscribe.inference.JsonSchemaGuard;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.FactCategory;
import org.medscribe.record.RecordJson;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.TemplateLibrary;
import org.medscribe.record.TemplateSection;

class ExtractionSchemaTest {

    private final TemplateLibrary templates = TemplateLibrary.builtIn();

    @ParameterizedTest
    @ValueSource(strings = {"soap-en", "outpatient-zh"})
    void schemaIsDerivedFromTheTemplateAndBoundedEverywhere(String id) throws Exception {
        RecordTemplate template = templates.get(id);
        ExtractionSchema schema = ExtractionSchema.forTemplate(template, template.language(), 40);
        JsonNode json = RecordJson.mapper().readTree(schema.json());
        JsonSchemaGuard.check(schema.json());

        assertThat(json.path("required")).hasSize(template.categories().size());
        assertThat(json.path("additionalProperties").asBoolean(true)).isFalse();
        for (FactCategory category : template.categories()) {
            JsonNode array = json.path("properties").path(category.key());
            assertThat(array.path("maxItems").asInt()).isEqualTo(category.maxItems());
            JsonNode text = array.at("/items/properties/t");
            assertThat(text.path("maxLength").asInt()).isEqualTo(category.maxChars(template.language()));
            JsonNode citations = array.at("/items/properties/s");
            assertThat(citations.path("minItems").asInt()).isEqualTo(1);
            assertThat(citations.path("maxItems").asInt()).isEqualTo(ExtractionSchema.MAX_CITATIONS);
            assertThat(citations.at("/items/maximum").asInt()).isEqualTo(40);
        }
    }

    @Test
    void bothBuiltInTemplatesRenderTheSameCategoriesSoOneExtractionFeedsBoth() {
        assertThat(templates.get("soap-en").categories()).isEqualTo(templates.get("outpatient-zh").categories());
        assertThat(templates.get("outpatient-zh").sections()).extracting(TemplateSection::title)
                .containsExactly("主诉", "现病史", "既往史", "个人史", "过敏史", "家族史", "体格检查", "辅助检查", "初步诊断", "处理意见");
    }

    @Test
    void tokenBoundGrowsWithTheBoundsAndShrinkingFitsABudget() {
        RecordTemplate template = templates.get("soap-en");
        ExtractionSchema schema = ExtractionSchema.forTemplate(template, RecordLanguage.EN, 120);
        TokenCost cost = new TokenCost(0.4, 1);
        int full = schema.tokenBound(cost);
        assertThat(schema.tokenBound(new TokenCost(0.8, 1))).isGreaterThan(full);
        assertThat(schema.tokenBound(new TokenCost(0.4, 2))).isGreaterThan(full);

        ExtractionSchema fitted = schema.fitTo(full / 2, cost);
        assertThat(fitted.tokenBound(cost)).isLessThanOrEqualTo(full / 2);
        assertThat(fitted.isReduced(RecordLanguage.EN)).isTrue();
        assertThat(fitted.categories()).isEqualTo(schema.categories());
        assertThat(schema.fitTo(full, cost)).isSameAs(schema);
        assertThatThrownBy(() -> schema.fitTo(100, cost)).isInstanceOf(MedScribeException.class)
                .satisfies(e -> assertThat(((MedScribeException) e).messageKey()).isEqualTo("draft.error.contextTooSmall"));
    }

    @Test
    void chineseFactsAreShorter() {
        RecordTemplate template = templates.get("outpatient-zh");
        assertThat(ExtractionSchema.forTemplate(template, RecordLanguage.ZH, 10).maxChars(FactCategory.HPI))
                .isLessThan(ExtractionSchema.forTemplate(template, RecordLanguage.EN, 10).maxChars(FactCategory.HPI));
    }

    @Test
    void templatesAreDataWithValidatedShape() {
        for (RecordTemplate template : templates.all()) {
            assertThat(template.version()).isNotBlank();
            assertThat(template.sections()).allSatisfy(s -> {
                assertThat(s.instruction()).isNotBlank();
                assertThat(s.maxLength()).isPositive();
            });
        }
        assertThatThrownBy(() -> templates.get("discharge-xx")).isInstanceOf(MedScribeException.class);
    }
}
