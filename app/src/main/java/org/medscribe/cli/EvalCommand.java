package org.medscribe.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.draft.DraftEvaluation;
import org.medscribe.record.RecordJson;
import org.medscribe.draft.DraftListener;
import org.medscribe.draft.DraftOptions;
import org.medscribe.record.DraftRecord;
import org.medscribe.draft.DraftRequest;
import org.medscribe.draft.RougeL;
import org.medscribe.record.Source;
import org.medscribe.record.TemplateLibrary;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import org.medscribe.evidence.Segmenter;

/**
 * {@code medscribe eval --model M --template T --in FILE.jsonl --field dialogue [--reference-field note] --out DIR}:
 * drafts every line's text, writes one JSON per case ({@code case-0001.json}…) and
 * {@code summary.json} (cases, failures, schema-valid rate, supported-statement rate,
 * not-documented rate, flags per case, latency p50/p95, tokens/s, ROUGE-L against the reference).
 * One bad case never stops the run: it is recorded as a failure. The summary is also printed.
 */
@Command(name = "eval", mixinStandardHelpOptions = true, description = "Draft every case of a JSONL file and summarise quality and speed.")
final class EvalCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(EvalCommand.class);

    @Mixin
    ModelOptions model;

    @Option(names = "--template", required = true, description = "record template: soap-en or outpatient-zh")
    String template;

    @Option(names = "--in", required = true, description = "JSONL file, one case per line")
    Path in;

    @Option(names = "--field", required = true, description = "the field holding the note or dialogue")
    String field;

    @Option(names = "--reference-field", description = "the field holding a reference note (for ROUGE-L)")
    String referenceField;

    @Option(names = "--out", required = true, description = "directory for the case files and summary.json")
    Path out;

    @Option(names = "--limit", defaultValue = "0", description = "only the first N cases (0: all)")
    int limit;

    @Option(names = "--seed", defaultValue = "1", description = "sampling seed for every case (default ${DEFAULT-VALUE})")
    int seed;

    private final CliContext context;

    EvalCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        TemplateLibrary.builtIn().get(template);
        List<String> lines = ModelSession.readText(in).lines().filter(l -> !l.isBlank()).toList();
        if (lines.isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "draft.error.empty");
        }
        int count = limit > 0 ? Math.min(limit, lines.size()) : lines.size();
        DraftEvaluation evaluation = new DraftEvaluation();
        List<Map<String, Object>> perCase = new ArrayList<>();
        try (ModelSession session = model.open(context)) {
            for (int i = 0; i < count; i++) {
                String name = String.format("case-%04d", i + 1);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("case", i + 1);
                context.err().println(context.messages().get("draft.cli.case", i + 1, count, name));
                context.err().flush();
                try {
                    JsonNode line = parse(lines.get(i), i + 1);
                    result.put("id", caseId(line));
                    String text = line.path(field).asText();
                    DraftRecord record = session.drafting().draft(
                            new DraftRequest(List.of(Segmenter.guess("case", text)), template,
                                    DraftOptions.defaults().withSeed(seed)),
                            DraftListener.NONE, CancellationToken.none());
                    Double rouge = null;
                    if (referenceField != null && line.hasNonNull(referenceField)) {
                        rouge = RougeL.f1(record.plainText(), line.path(referenceField).asText());
                        result.put("rouge_l", rouge);
                    }
                    evaluation.add(record, rouge);
                    result.put("record", record);
                } catch (MedScribeException e) {
                    evaluation.addFailure();
                    result.put("error", e.messageKey());
                    result.put("message", context.messages().describe(e));
                    context.err().println(context.messages().get("draft.cli.caseFailed", i + 1, context.messages().describe(e)));
                    if (!e.isBadInput()) {
                        LOG.warn("eval case {} failed: {}", i + 1, e.messageKey());
                    }
                } catch (RuntimeException e) {
                    evaluation.addFailure();
                    result.put("error", e.getClass().getSimpleName());
                    LOG.warn("eval case {} failed unexpectedly", i + 1, e);
                    context.err().println(context.messages().get("draft.cli.caseFailed", i + 1, e.getClass().getSimpleName()));
                }
                ModelSession.write(out.resolve(name + ".json"), RecordJson.mapper().writeValueAsString(result));
                perCase.add(result);
            }
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("template", template);
        summary.put("model", model.model.getFileName().toString());
        summary.put("input", in.getFileName().toString());
        summary.putAll(evaluation.summary());
        String json = RecordJson.mapper().writeValueAsString(summary);
        ModelSession.write(out.resolve("summary.json"), json);
        context.out().println(json);
        context.out().flush();
        return MedScribeCommand.OK;
    }

    private JsonNode parse(String line, int number) {
        try {
            JsonNode node = RecordJson.mapper().readTree(line);
            if (node != null && node.isObject() && node.path(field).isTextual()) {
                return node;
            }
        } catch (Exception e) {
            // reported below with the line number
        }
        throw new MedScribeException(Category.BAD_INPUT, "draft.error.badJsonl", number, in.getFileName().toString(), field);
    }

    private static String caseId(JsonNode line) {
        for (String key : List.of("encounter_id", "id", "case_id")) {
            if (line.hasNonNull(key)) {
                return line.path(key).asText();
            }
        }
        return null;
    }
}
