package org.medscribe.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.inference.EngineSettings;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.quality.Finding;
import org.medscribe.quality.QualityControl;
import org.medscribe.quality.QualityJson;
import org.medscribe.quality.QualityReport;
import org.medscribe.quality.RecordReader;
import org.medscribe.quality.RecordUnderReview;
import org.medscribe.quality.SourceText;
import org.medscribe.quality.rules.ClinicRuleSettings;
import org.medscribe.quality.rules.RulePack;
import org.medscribe.quality.rules.RulePacks;
import org.medscribe.services.Services;
import org.medscribe.quality.rules.RuleSpec;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code medscribe qc}: quality control of records. One record ({@code --in}) prints its findings,
 * score and signing gate as JSON; a folder ({@code --batch}) writes a summary over every record in
 * it; {@code --list-rules} prints the rule packs with the clinic's switches applied. Records whose
 * JSON carries {@code qc_expected} (rule ids planted in a test corpus) add recall and false-positive
 * figures to the batch summary.
 */
@Command(name = "qc", mixinStandardHelpOptions = true, description = "Quality control (病案质控): findings, score and signing gate of a record JSON, "
        + "or a summary over a folder of records.")
final class QcCommand implements Callable<Integer> {

    static final class Mode {
        @Option(names = "--in", description = "record JSON (as drafted or edited)")
        Path record;

        @Option(names = "--batch", description = "folder of record JSON files (searched recursively)")
        Path batch;

        @Option(names = "--list-rules", description = "print the rule packs and which rules are on")
        boolean listRules;
    }

    @ArgGroup(exclusive = true, multiplicity = "1")
    Mode mode;

    @Option(names = "--sources", arity = "1..*", description = "the encounter's source texts (UTF-8), for the evidence "
            + "re-check and the model review")
    List<Path> sources = new ArrayList<>();

    @Option(names = "--model", description = "GGUF model for the model review (contradictions, omissions, consistency)")
    Path model;

    @Option(names = "--context", defaultValue = "8192", description = "model context size in tokens (default ${DEFAULT-VALUE})")
    int contextSize;

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--out", description = "with --batch: write the summary here instead of printing it")
    Path out;

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    /** A source larger than this is not an encounter's text. */
    private static final long MAX_SOURCE_BYTES = 4L * 1024 * 1024;

    private final CliContext context;

    QcCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        threadsOption.threads("qc.error.arguments");
        if (contextSize < 512) {
            throw new MedScribeException(Category.BAD_INPUT, "qc.error.arguments");
        }
        RulePacks packs = RulePacks.builtIn(ClinicRuleSettings.load(context.directories().clinicRulesFile()));
        QualityControl quality = new QualityControl(packs);
        QualityJson json = new QualityJson(context.messages());
        if (mode.listRules) {
            print(listRules(packs));
            return MedScribeCommand.OK;
        }
        if (mode.batch != null && !sources.isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "qc.error.sourcesWithBatch");
        }
        if (model != null && !Files.isRegularFile(model)) {
            throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", model.toString());
        }
        List<SourceText> sourceTexts = readSources();
        if (mode.record != null) {
            RecordUnderReview record = new RecordReader().read(mode.record);
            quality.packFor(record);
            try (LanguageEngine engine = startEngine()) {
                QualityReport report = quality.check(record, sourceTexts, engine, CancellationToken.none());
                print(json.report(report, record));
            }
            return MedScribeCommand.OK;
        }
        ObjectNode summary;
        try (LanguageEngine engine = startEngine()) {
            summary = batch(quality, json, engine);
        }
        if (out != null) {
            Path target = out.toAbsolutePath();
            Files.createDirectories(target.getParent());
            Files.writeString(target, JSON.writeValueAsString(summary) + "\n", StandardCharsets.UTF_8);
            context.err().println(context.messages().get("qc.batch.written", target.toString()));
        } else {
            print(summary);
        }
        return MedScribeCommand.OK;
    }

    private void print(JsonNode node) throws JsonProcessingException {
        context.out().println(JSON.writeValueAsString(node));
        context.out().flush();
    }

    private LanguageEngine startEngine() {
        if (model == null) {
            return null;
        }
        LanguageEngine engine = context.services().engine();
        try {
            engine.load(EngineSettings.defaults(model.toAbsolutePath()).withContextSize(contextSize)
                            .withThreads(threadsOption.threads("qc.error.arguments")),
                    (phase, fraction) -> context.err().println(context.messages().get(phase)), CancellationToken.none());
            return engine;
        } catch (RuntimeException e) {
            engine.close();
            throw e;
        }
    }

    private List<SourceText> readSources() {
        List<SourceText> out = new ArrayList<>();
        for (Path file : sources) {
            if (!Files.isRegularFile(file)) {
                throw new MedScribeException(Category.BAD_INPUT, "cli.error.fileNotFound", file.toString());
            }
            try {
                if (Files.size(file) > MAX_SOURCE_BYTES) {
                    throw new MedScribeException(Category.BAD_INPUT, "qc.error.sourceTooLarge", file.toString(),
                            MAX_SOURCE_BYTES / (1024 * 1024));
                }
                byte[] bytes = Files.readAllBytes(file);
                String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
                if (text.indexOf('\0') >= 0) {
                    throw new MedScribeException(Category.BAD_INPUT, "qc.error.sourceUnreadable", file.toString());
                }
                out.add(new SourceText(String.valueOf(file.getFileName()), text));
            } catch (CharacterCodingException e) {
                throw new MedScribeException(Category.BAD_INPUT, e, "qc.error.sourceUnreadable", file.toString());
            } catch (IOException e) {
                throw new MedScribeException(Category.BAD_INPUT, e, "qc.error.sourceUnreadable", file.toString());
            }
        }
        return out;
    }

    // --- batch ---------------------------------------------------------------------------------------

    private ObjectNode batch(QualityControl quality, QualityJson json, LanguageEngine engine) throws IOException {
        Path dir = mode.batch;
        if (!Files.isDirectory(dir)) {
            throw new MedScribeException(Category.BAD_INPUT, "qc.error.batchNotADirectory", dir.toString());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir, 8)) {
            files = walk.filter(Files::isRegularFile).filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted().toList();
        }
        if (files.isEmpty()) {
            throw new MedScribeException(Category.BAD_INPUT, "qc.error.batchEmpty", dir.toString());
        }
        RecordReader reader = new RecordReader();
        ArrayNode perRecord = JSON.createArrayNode();
        ArrayNode errors = JSON.createArrayNode();
        Map<String, int[]> byRule = new TreeMap<>();
        Map<String, String> severityOf = new TreeMap<>();
        Labelled labelled = new Labelled();
        int checked = 0;
        int blocked = 0;
        long scoreSum = 0;
        int minScore = 100;
        int maxScore = 0;
        int[] severities = new int[3];
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String name = dir.relativize(file).toString().replace('\\', '/');
            context.err().println(context.messages().get("qc.batch.progress", i + 1, files.size(), name));
            JsonNode raw;
            RecordUnderReview record;
            QualityReport report;
            try {
                byte[] bytes = readRecordBytes(file, name);
                raw = parseJson(bytes, name);
                record = reader.read(bytes, name);
                report = quality.check(record, List.of(), engine, CancellationToken.none());
            } catch (MedScribeException e) {
                if (!e.isBadInput()) {
                    throw e;
                }
                ObjectNode error = errors.addObject();
                error.put("file", name);
                error.put("reason", context.messages().describe(e));
                continue;
            }
            checked++;
            scoreSum += report.score().value();
            minScore = Math.min(minScore, report.score().value());
            maxScore = Math.max(maxScore, report.score().value());
            if (report.signingBlocked()) {
                blocked++;
            }
            severities[0] += report.score().critical();
            severities[1] += report.score().major();
            severities[2] += report.score().minor();
            Set<String> fired = new LinkedHashSet<>();
            for (Finding finding : report.findings()) {
                fired.add(finding.rule());
                byRule.computeIfAbsent(finding.rule(), r -> new int[2])[0]++;
                severityOf.put(finding.rule(), finding.severity().code());
            }
            fired.forEach(rule -> byRule.get(rule)[1]++);
            ObjectNode entry = perRecord.addObject();
            entry.put("file", name);
            entry.put("template", report.template());
            entry.put("score", report.score().value());
            entry.put("grade", report.score().grade().name());
            entry.put("signing_blocked", report.signingBlocked());
            ObjectNode counts = entry.putObject("counts");
            counts.put("critical", report.score().critical());
            counts.put("major", report.score().major());
            counts.put("minor", report.score().minor());
            ArrayNode rules = entry.putArray("rules");
            fired.forEach(rules::add);
            labelled.add(name, raw.get("qc_expected"), report);
        }
        ObjectNode summary = JSON.createObjectNode();
        summary.put("directory", dir.toAbsolutePath().toString());
        summary.put("records", files.size());
        summary.put("checked", checked);
        summary.put("unreadable", errors.size());
        if (checked > 0) {
            ObjectNode score = summary.putObject("score");
            score.put("mean", Math.round(scoreSum * 10.0 / checked) / 10.0);
            score.put("min", minScore);
            score.put("max", maxScore);
        }
        summary.put("signing_blocked", blocked);
        ObjectNode totals = summary.putObject("findings");
        totals.put("critical", severities[0]);
        totals.put("major", severities[1]);
        totals.put("minor", severities[2]);
        totals.put("total", severities[0] + severities[1] + severities[2]);
        ObjectNode rules = summary.putObject("by_rule");
        byRule.forEach((rule, n) -> {
            ObjectNode r = rules.putObject(rule);
            r.put("severity", severityOf.get(rule));
            r.put("findings", n[0]);
            r.put("records", n[1]);
        });
        if (labelled.records > 0) {
            summary.set("labelled", labelled.toJson());
        }
        summary.set("per_record", perRecord);
        summary.set("errors", errors);
        return summary;
    }

    /** A batch file read once: its labels ({@code qc_expected}) and its record both come from these bytes. */
    private static byte[] readRecordBytes(Path file, String name) {
        try {
            if (Files.size(file) > RecordReader.MAX_BYTES) {
                throw new MedScribeException(Category.BAD_INPUT, "quality.error.recordTooLarge", name,
                        RecordReader.MAX_BYTES / (1024 * 1024));
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    private static JsonNode parseJson(byte[] bytes, String name) {
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            throw new MedScribeException(Category.BAD_INPUT, e, "quality.error.recordUnreadable", name);
        }
    }

    /**
     * Figures over records labelled with the rule ids planted in them ({@code qc_expected}; an empty
     * list marks a clean record): recall of planted defects, and what fired where nothing was planted.
     */
    private static final class Labelled {
        int records;
        int planted;
        int found;
        int cleanRecords;
        int cleanCritical;
        int cleanMajor;
        int cleanMinor;
        int cleanWithCritical;
        int unexpectedOnDefective;
        final ArrayNode missed = JSON.createArrayNode();
        final ArrayNode falsePositives = JSON.createArrayNode();

        void add(String name, JsonNode expected, QualityReport report) {
            if (expected == null || !expected.isArray()) {
                return;
            }
            records++;
            Set<String> want = new LinkedHashSet<>();
            expected.forEach(e -> want.add(e.isObject() ? e.path("rule").asText() : e.asText()));
            Set<String> fired = new LinkedHashSet<>();
            report.findings().forEach(f -> fired.add(f.rule()));
            if (want.isEmpty()) {
                cleanRecords++;
                cleanCritical += report.score().critical();
                cleanMajor += report.score().major();
                cleanMinor += report.score().minor();
                if (report.signingBlocked()) {
                    cleanWithCritical++;
                }
                for (Finding f : report.findings()) {
                    ObjectNode fp = falsePositives.addObject();
                    fp.put("file", name);
                    fp.put("rule", f.rule());
                    fp.put("severity", f.severity().code());
                }
                return;
            }
            for (String rule : want) {
                planted++;
                if (fired.contains(rule)) {
                    found++;
                } else {
                    ObjectNode m = missed.addObject();
                    m.put("file", name);
                    m.put("rule", rule);
                }
            }
            for (String rule : fired) {
                if (!want.contains(rule)) {
                    unexpectedOnDefective++;
                }
            }
        }

        ObjectNode toJson() {
            ObjectNode node = JSON.createObjectNode();
            node.put("records", records);
            node.put("defective_records", records - cleanRecords);
            node.put("planted_defects", planted);
            node.put("found", found);
            node.put("recall", planted == 0 ? 1.0 : Math.round(found * 10000.0 / planted) / 10000.0);
            node.set("missed", missed);
            node.put("unexpected_rules_on_defective_records", unexpectedOnDefective);
            node.put("clean_records", cleanRecords);
            node.put("clean_records_with_critical", cleanWithCritical);
            ObjectNode fp = node.putObject("findings_on_clean_records");
            fp.put("critical", cleanCritical);
            fp.put("major", cleanMajor);
            fp.put("minor", cleanMinor);
            int total = cleanCritical + cleanMajor + cleanMinor;
            fp.put("per_clean_record", cleanRecords == 0 ? 0 : Math.round(total * 100.0 / cleanRecords) / 100.0);
            node.set("false_positives", falsePositives);
            return node;
        }
    }

    // --- rules -----------------------------------------------------------------------------------------

    private ObjectNode listRules(RulePacks packs) {
        ObjectNode root = JSON.createObjectNode();
        root.put("clinic_settings", context.directories().clinicRulesFile().toString());
        ArrayNode list = root.putArray("packs");
        for (RulePack pack : packs.all()) {
            ObjectNode p = list.addObject();
            p.put("template", pack.template());
            p.put("version", pack.version());
            p.put("language", pack.language().code());
            p.put("basis", pack.basis());
            ArrayNode rules = p.putArray("rules");
            for (RuleSpec rule : pack.rules()) {
                ObjectNode r = rules.addObject();
                r.put("id", rule.id());
                r.put("severity", rule.severity().code());
                r.put("section", rule.section());
                r.put("enabled", rule.enabled());
                r.put("source", "model_check".equals(rule.kind()) ? "model" : "rule");
                r.put("message", context.messages().get(rule.messageKey()));
            }
        }
        return root;
    }
}
