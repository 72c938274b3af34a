package org.medscribe.draft;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.medscribe.common.MedScribeException;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.FactCategory;
import org.medscribe.record.RecordTemplate;

/**
 * The JSON schema of an extraction answer, derived from the categories a template renders and
 * bounded everywhere (facts per category, characters per fact, citations per fact, citation
 * numbers within the segments in the prompt) so that the answer is finite and a token bound can be
 * computed from it: with that many tokens allowed, a grammar-constrained answer always completes.
 *
 * <p>Shape: {@code {"cc":[{"t":"…","s":[3,4]}], "hpi":[…], …}}: short keys, because output tokens are
 * the expensive part on a CPU; {@code t} the fact, {@code s} the segment numbers it comes from.
 * Immutable.
 */
public final class ExtractionSchema {

    /** Citations per fact: a fact rarely needs more than a question, an answer and one more. */
    public static final int MAX_CITATIONS = 3;
    /** Facts never get shorter than this when a schema is scaled to fit a small context. */
    public static final int MIN_CHARS = 24;

    private static final int FACT_STRUCTURE_CHARS = 16; // {"t":"","s":[]},
    private static final int FACT_SPACES = 11; // places the grammar allows whitespace in one fact
    private static final int CATEGORY_SPACES = 3;

    private final List<FactCategory> categories;
    private final Map<FactCategory, Integer> maxItems;
    private final Map<FactCategory, Integer> maxChars;
    private final int firstSegment;
    private final int lastSegment;

    private ExtractionSchema(List<FactCategory> categories, Map<FactCategory, Integer> maxItems,
            Map<FactCategory, Integer> maxChars, int firstSegment, int lastSegment) {
        this.categories = List.copyOf(categories);
        this.maxItems = Map.copyOf(maxItems);
        this.maxChars = Map.copyOf(maxChars);
        this.firstSegment = firstSegment;
        this.lastSegment = lastSegment;
    }

    /**
     * The schema for extracting {@code categories} (in their canonical order) from segments
     * {@code firstSegment..lastSegment}, facts written in {@code factLanguage}.
     */
    public static ExtractionSchema of(Collection<FactCategory> categories, RecordLanguage factLanguage,
            int firstSegment, int lastSegment) {
        if (firstSegment < 1 || lastSegment < firstSegment) {
            throw new IllegalArgumentException("segment range " + firstSegment + ".." + lastSegment);
        }
        List<FactCategory> ordered = new ArrayList<>();
        Map<FactCategory, Integer> items = new EnumMap<>(FactCategory.class);
        Map<FactCategory, Integer> chars = new EnumMap<>(FactCategory.class);
        for (FactCategory category : FactCategory.values()) {
            if (categories.contains(category)) {
                ordered.add(category);
                items.put(category, category.maxItems());
                chars.put(category, category.maxChars(factLanguage));
            }
        }
        return new ExtractionSchema(ordered, items, chars, firstSegment, lastSegment);
    }

    /** The schema for a template's categories over all segments of an encounter. */
    public static ExtractionSchema forTemplate(RecordTemplate template, RecordLanguage factLanguage, int segments) {
        return of(template.categories(), factLanguage, 1, Math.max(1, segments));
    }

    public List<FactCategory> categories() {
        return categories;
    }

    public int maxItems(FactCategory category) {
        return maxItems.get(category);
    }

    public int maxChars(FactCategory category) {
        return maxChars.get(category);
    }

    public int firstSegment() {
        return firstSegment;
    }

    public int lastSegment() {
        return lastSegment;
    }

    /** The same bounds for another range of segments (one chunk of a long encounter). */
    public ExtractionSchema forSegments(int first, int last) {
        return new ExtractionSchema(categories, maxItems, maxChars, first, last);
    }

    /** The JSON schema text handed to the engine. */
    public String json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("type", "object");
        ObjectNode properties = root.putObject("properties");
        ArrayNode required = f.arrayNode();
        for (FactCategory category : categories) {
            ObjectNode array = properties.putObject(category.key()).put("type", "array")
                    .put("maxItems", maxItems.get(category));
            ObjectNode item = array.putObject("items").put("type", "object");
            ObjectNode itemProperties = item.putObject("properties");
            itemProperties.putObject("t").put("type", "string").put("maxLength", maxChars.get(category));
            ObjectNode citations = itemProperties.putObject("s").put("type", "array")
                    .put("minItems", 1).put("maxItems", MAX_CITATIONS);
            citations.putObject("items").put("type", "integer").put("minimum", firstSegment).put("maximum", lastSegment);
            item.putArray("required").add("t").add("s");
            item.put("additionalProperties", false);
            required.add(category.key());
        }
        root.set("required", required);
        root.put("additionalProperties", false);
        return root.toString();
    }

    /**
     * Upper bound on the tokens of any answer this schema admits, at the given cost: structure
     * counted at one token per character (a constrained sampler may pick single-character
     * tokens), free text at the cost's rate, whitespace at the cost's rate per place it may occur.
     */
    public int tokenBound(TokenCost cost) {
        int digits = Integer.toString(lastSegment).length();
        double total = 2 + CATEGORY_SPACES * cost.tokensPerSpace();
        for (FactCategory category : categories) {
            total += category.key().length() + 6 + CATEGORY_SPACES * cost.tokensPerSpace();
            double fact = FACT_STRUCTURE_CHARS + MAX_CITATIONS * (digits + 1) + FACT_SPACES * cost.tokensPerSpace()
                    + Math.ceil(maxChars.get(category) * cost.tokensPerChar());
            total += maxItems.get(category) * fact;
        }
        return (int) Math.ceil(total);
    }

    /**
     * This schema, or a smaller one whose token bound fits {@code budget}: first facts get shorter
     * (down to {@value #MIN_CHARS} characters), then categories allow fewer facts (down to one).
     *
     * @throws MedScribeException BAD_INPUT {@code draft.error.contextTooSmall} when even that does not fit
     */
    public ExtractionSchema fitTo(int budget, TokenCost cost) {
        if (tokenBound(cost) <= budget) {
            return this;
        }
        ExtractionSchema shorter = this;
        for (double scale = 0.9; scale >= 0.3 && shorter.tokenBound(cost) > budget; scale -= 0.1) {
            Map<FactCategory, Integer> chars = new EnumMap<>(FactCategory.class);
            for (FactCategory category : categories) {
                chars.put(category, Math.max(MIN_CHARS, (int) Math.round(maxChars.get(category) * scale)));
            }
            shorter = new ExtractionSchema(categories, maxItems, chars, firstSegment, lastSegment);
        }
        ExtractionSchema fewer = shorter;
        while (fewer.tokenBound(cost) > budget) {
            Map<FactCategory, Integer> items = new EnumMap<>(FactCategory.class);
            boolean reduced = false;
            for (FactCategory category : categories) {
                int n = fewer.maxItems.get(category);
                if (n > 1) {
                    n--;
                    reduced = true;
                }
                items.put(category, n);
            }
            if (!reduced) {
                throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "draft.error.contextTooSmall",
                        budget, fewer.tokenBound(cost));
            }
            fewer = new ExtractionSchema(categories, items, fewer.maxChars, firstSegment, lastSegment);
        }
        return fewer;
    }

    /** Total facts the schema admits. */
    public int maxFacts() {
        return categories.stream().mapToInt(maxItems::get).sum();
    }

    /** True when bounds are below the categories' defaults (reported with the draft). */
    public boolean isReduced(RecordLanguage factLanguage) {
        return categories.stream().anyMatch(c -> maxItems.get(c) < c.maxItems()
                || maxChars.get(c) < c.maxChars(factLanguage));
    }
}
