package org.medscribe.diagnosis;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.medscribe.common.MedScribeException;
import org.medscribe.record.RecordLanguage;
import org.medscribe.draft.TokenCost;

/**
 * The bounded JSON schema of a suggestions answer:
 * <pre>{"dx":[{"n":diagnosis,"c":ICD-10 code,"l":"high|moderate|low","f":[{"t":finding,"s":[segments]}],"a":[…]}],
 *  "rf":[{"n":condition,"w":why,"s":[segments]}], "inv":[{"n":test,"w":why}], "q":[{"q":question,"w":why}]}</pre>
 * Findings are written in the sources' language (so Java can verify them against the segments);
 * names, reasons and questions in the suggestions' language. Immutable.
 */
public final class DiagnosisSchema {

    /** Counts of one size level: diagnoses, findings for/against each, red flags, investigations, questions. */
    record Counts(int dx, int findingsFor, int findingsAgainst, int redFlags, int investigations, int questions) {
    }

    /** From generous to small: the first level whose bound fits the context is used. */
    static final List<Counts> LEVELS = List.of(
            new Counts(5, 3, 2, 3, 4, 4),
            new Counts(4, 2, 1, 2, 3, 3),
            new Counts(3, 2, 1, 2, 2, 3),
            new Counts(2, 1, 1, 1, 2, 2));

    private static final int CITATIONS = 3;

    private final Counts counts;
    private final RecordLanguage outLanguage;
    private final RecordLanguage sourceLanguage;
    private final int firstSegment;
    private final int lastSegment;

    private DiagnosisSchema(Counts counts, RecordLanguage outLanguage, RecordLanguage sourceLanguage, int first, int last) {
        this.counts = counts;
        this.outLanguage = outLanguage;
        this.sourceLanguage = sourceLanguage;
        this.firstSegment = first;
        this.lastSegment = last;
    }

    /**
     * The largest schema whose token bound fits {@code budget}.
     *
     * @throws MedScribeException BAD_INPUT {@code draft.error.contextTooSmall} when even the smallest does not
     */
    static DiagnosisSchema fitting(int budget, RecordLanguage outLanguage, RecordLanguage sourceLanguage, int segments,
            TokenCost outCost, TokenCost sourceCost) {
        DiagnosisSchema schema = null;
        for (Counts level : LEVELS) {
            schema = new DiagnosisSchema(level, outLanguage, sourceLanguage, 1, Math.max(1, segments));
            if (schema.tokenBound(outCost, sourceCost) <= budget) {
                return schema;
            }
        }
        throw new MedScribeException(MedScribeException.Category.BAD_INPUT, "draft.error.contextTooSmall", budget,
                schema.tokenBound(outCost, sourceCost));
    }

    Counts counts() {
        return counts;
    }

    private int nameChars() {
        return outLanguage == RecordLanguage.ZH ? 30 : 60;
    }

    private int reasonChars() {
        return outLanguage == RecordLanguage.ZH ? 50 : 100;
    }

    private int questionChars() {
        return outLanguage == RecordLanguage.ZH ? 50 : 100;
    }

    private int findingChars() {
        return sourceLanguage == RecordLanguage.ZH ? 40 : 80;
    }

    public String json() {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode root = f.objectNode().put("type", "object");
        ObjectNode p = root.putObject("properties");
        ObjectNode dx = array(p.putObject("dx"), counts.dx()).putObject("items").put("type", "object");
        ObjectNode dxp = dx.putObject("properties");
        string(dxp.putObject("n"), nameChars());
        string(dxp.putObject("c"), 8);
        dxp.putObject("l").put("type", "string").putArray("enum").add("high").add("moderate").add("low");
        finding(array(dxp.putObject("f"), counts.findingsFor()).putObject("items"), 1);
        finding(array(dxp.putObject("a"), counts.findingsAgainst()).putObject("items"), 1);
        required(dx, "n", "c", "l", "f", "a");
        ObjectNode rf = array(p.putObject("rf"), counts.redFlags()).putObject("items").put("type", "object");
        ObjectNode rfp = rf.putObject("properties");
        string(rfp.putObject("n"), nameChars());
        string(rfp.putObject("w"), reasonChars());
        citations(rfp.putObject("s"), 0);
        required(rf, "n", "w", "s");
        ObjectNode inv = array(p.putObject("inv"), counts.investigations()).putObject("items").put("type", "object");
        ObjectNode invp = inv.putObject("properties");
        string(invp.putObject("n"), nameChars());
        string(invp.putObject("w"), reasonChars());
        required(inv, "n", "w");
        ObjectNode q = array(p.putObject("q"), counts.questions()).putObject("items").put("type", "object");
        ObjectNode qp = q.putObject("properties");
        string(qp.putObject("q"), questionChars());
        string(qp.putObject("w"), reasonChars());
        required(q, "q", "w");
        required(root, "dx", "rf", "inv", "q");
        return root.toString();
    }

    /** Upper bound on the answer's tokens, counted like the extraction schema's. */
    public int tokenBound(TokenCost out, TokenCost source) {
        double space = out.tokensPerSpace();
        int digits = Integer.toString(lastSegment).length();
        double citations = CITATIONS * (digits + 1) + CITATIONS * space + 2;
        double finding = 14 + 8 * space + Math.ceil(findingChars() * source.tokensPerChar()) + citations;
        double dx = 40 + 16 * space + Math.ceil(nameChars() * out.tokensPerChar()) + 8 + 10
                + counts.findingsFor() * finding + counts.findingsAgainst() * finding;
        double rf = 22 + 10 * space + Math.ceil((nameChars() + reasonChars()) * out.tokensPerChar()) + citations;
        double inv = 16 + 8 * space + Math.ceil((nameChars() + reasonChars()) * out.tokensPerChar());
        double q = 16 + 8 * space + Math.ceil((questionChars() + reasonChars()) * out.tokensPerChar());
        return (int) Math.ceil(30 + 12 * space + counts.dx() * dx + counts.redFlags() * rf
                + counts.investigations() * inv + counts.questions() * q);
    }

    private ObjectNode array(ObjectNode node, int maxItems) {
        return node.put("type", "array").put("maxItems", maxItems);
    }

    private static void string(ObjectNode node, int maxLength) {
        node.put("type", "string").put("maxLength", maxLength);
    }

    private void finding(ObjectNode item, int minCitations) {
        item.put("type", "object");
        ObjectNode props = item.putObject("properties");
        string(props.putObject("t"), findingChars());
        citations(props.putObject("s"), minCitations);
        required(item, "t", "s");
    }

    private void citations(ObjectNode node, int min) {
        node.put("type", "array").put("minItems", min).put("maxItems", CITATIONS);
        node.putObject("items").put("type", "integer").put("minimum", firstSegment).put("maximum", lastSegment);
    }

    private static void required(ObjectNode node, String... names) {
        var required = node.putArray("required");
        for (String name : names) {
            required.add(name);
        }
        node.put("additionalProperties", false);
    }
}
