package org.medscribe.draft;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.ProgressListener;
import org.medscribe.inference.ChatMessage;
import org.medscribe.inference.FinishReason;
import org.medscribe.inference.GenerationRequest;
import org.medscribe.inference.GenerationResult;
import org.medscribe.inference.LanguageEngine;
import org.medscribe.inference.LoadedModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.medscribe.record.DraftRecord;
import org.medscribe.record.DraftSection;
import org.medscribe.record.Statement;
import org.medscribe.record.Flag;
import org.medscribe.record.Provenance;
import org.medscribe.record.SourceRef;
import org.medscribe.record.Source;
import org.medscribe.record.RecordLanguage;
import org.medscribe.record.SectionStatus;
import org.medscribe.record.DraftStatus;
import org.medscribe.record.FactCategory;
import org.medscribe.record.DraftTimings;
import org.medscribe.clinical.ClinicalText;
import org.medscribe.evidence.EvidenceCheck;
import org.medscribe.evidence.EvidenceMatcher;
import org.medscribe.evidence.FactChecker;
import org.medscribe.evidence.SegmentedSources;
import org.medscribe.evidence.Segmenter;
import org.medscribe.record.RecordTemplate;
import org.medscribe.record.TemplateLibrary;
import org.medscribe.record.TemplateSection;

/**
 * Drafts a record from an encounter's sources with the loaded model.
 *
 * <p>How: the sources are screened (empty, binary, tiny, non-clinical input is refused before any
 * model time), split into numbered segments and, in as many chunks as the context needs, sent to
 * the model as delimited data; the model answers under a bounded JSON schema with facts per
 * category, each citing segment numbers ({@link ClinicalExtraction}, template-independent and
 * cached per sources and model). Each template section is rendered from its categories; facts in
 * another language than the template's are translated in one more bounded call. Java then checks
 * every statement's citations ({@link EvidenceMatcher}) and runs the fact checks ({@link FactChecker}).
 *
 * <p>Threading: {@link #draft} blocks for the whole generation; call it from a background thread.
 * Listener calls arrive on that thread or the engine's. One service may serve several threads
 * (the engine queues generations). Cancellation keeps the sections finished so far and returns a
 * record marked partial. Holds no native resources; nothing to close.
 */
public final class DraftingService {

    /** Changes whenever the extraction prompt or schema changes, so cached extractions are not mixed up. */
    public static final String EXTRACTION_FORMAT = "extraction-1";

    private static final Logger LOG = LoggerFactory.getLogger(DraftingService.class);
    private static final SecureRandom SEEDS = new SecureRandom();

    private final LanguageEngine engine;
    private final TemplateLibrary templates;
    private final ExtractionCache cache;
    private final ModelFingerprints fingerprints;
    private final Segmenter segmenter = new Segmenter();
    private final FactChecker factChecker = new FactChecker();

    public DraftingService(LanguageEngine engine, TemplateLibrary templates, ExtractionCache cache,
            ModelFingerprints fingerprints) {
        this.engine = engine;
        this.templates = templates;
        this.cache = cache;
        this.fingerprints = fingerprints;
    }

    /** A service with the built-in templates, an in-memory cache of 16 extractions and its own fingerprints. */
    public static DraftingService withDefaults(LanguageEngine engine) {
        return new DraftingService(engine, TemplateLibrary.builtIn(), ExtractionCache.inMemory(16), new ModelFingerprints());
    }

    public TemplateLibrary templates() {
        return templates;
    }

    /**
     * Drafts a record.
     *
     * @return the record; {@link DraftStatus#PARTIAL} when cancelled (the sections finished so far are kept)
     * @throws MedScribeException BAD_INPUT for refused input or an unknown template, FAILED when no
     *                            model is loaded or the engine fails
     */
    public DraftRecord draft(DraftRequest request, DraftListener listener, CancellationToken cancel) {
        long started = System.nanoTime();
        RecordTemplate template = templates.get(request.templateId());
        InputScreen.check(request.sources());
        LoadedModel model = engine.model();
        if (model == null) {
            throw new MedScribeException(MedScribeException.Category.FAILED, "draft.error.noModel");
        }
        listener.progress("draft.phase.preparing", ProgressListener.INDETERMINATE);
        SegmentedSources sources = segmenter.segment(request.sources());
        String modelSha = fingerprints.sha256(model.path());
        String cacheKey = cacheKey(modelSha, model, request.sources());
        RecordLanguage factLanguage = sources.language();
        boolean translate = factLanguage != template.language();
        EvidenceMatcher matcher = new EvidenceMatcher(sources);
        SectionAssembler assembler = new SectionAssembler(template, matcher, listener, translate);

        ClinicalExtraction extraction = cache.get(cacheKey)
                .filter(e -> e.isComplete() && e.categories().containsAll(template.categories()))
                .orElse(null);
        boolean reused = extraction != null;
        if (reused) {
            LOG.info("draft {}: reusing the extraction of these sources", template.id());
            for (FactCategory category : template.categories()) {
                assembler.categoryFinal(category, extraction.facts(category));
            }
        } else {
            int seed = request.options().seed() != null ? request.options().seed() : SEEDS.nextInt(Integer.MAX_VALUE);
            extraction = extract(sources, template.categories(), factLanguage, request.options().temperature(), seed,
                    model.contextSize(), assembler, listener, cancel);
            if (extraction.isComplete()) {
                cache.put(cacheKey, extraction);
            }
        }

        Translation translation = Translation.NONE;
        if (translate && !cancel.isCancelled()) {
            translation = translate(template, extraction, factLanguage, assembler, listener, cancel);
        }
        long checkStart = System.nanoTime();
        listener.progress("draft.phase.checking", ProgressListener.INDETERMINATE);
        String partialReason = extraction.partialReason() != null ? extraction.partialReason() : translation.partialReason;
        List<DraftSection> sections = assembler.finish(extraction, translation, partialReason != null);
        List<Flag> flags = factChecker.check(template, sections, sources, partialReason == null);
        double checkMillis = millisSince(checkStart) + assembler.checkMillis;

        List<SourceRef> refs = new ArrayList<>();
        for (Source source : request.sources()) {
            int count = (int) sources.segments().stream().filter(s -> s.source().equals(source.id())).count();
            refs.add(new SourceRef(source.id(), source.kind(), source.sha256(), source.text().length(), count));
        }
        Provenance provenance = new Provenance(model.path().getFileName().toString(), model.name(), modelSha,
                model.engineVersion(), appVersion(), template.id(), template.version(), extraction.temperature(),
                extraction.seed(), extraction.maxTokens(), extraction.schemaSha256(), refs, reused,
                Instant.now().toString());
        int promptTokens = (reused ? 0 : extraction.promptTokens()) + translation.promptTokens;
        int generated = (reused ? 0 : extraction.generatedTokens()) + translation.generatedTokens;
        double modelMillis = (reused ? 0 : extraction.modelMillis()) + translation.millis;
        DraftTimings timings = new DraftTimings(millisSince(started), reused ? 0 : extraction.modelMillis(),
                translation.millis, checkMillis, promptTokens, generated,
                reused ? translation.timeToFirstTokenMillis : extraction.timeToFirstTokenMillis(),
                modelMillis > 0 ? generated / (modelMillis / 1000.0) : 0);
        DraftRecord record = new DraftRecord(template.id(), template.version(), template.language(),
                partialReason == null ? DraftStatus.COMPLETE : DraftStatus.PARTIAL, partialReason, sections, flags,
                extraction.chunking(), provenance, timings);
        LOG.info("draft {}: {} sections, {} statements ({} supported), {} flags, {} chunk(s), {} ms{}",
                template.id(), sections.size(),
                sections.stream().mapToInt(s -> s.statements().size()).sum(),
                sections.stream().flatMap(s -> s.statements().stream()).filter(Statement::supported).count(),
                flags.size(), extraction.chunking().chunks().size(), Math.round(timings.totalMillis()),
                partialReason == null ? "" : " (partial: " + partialReason + ")");
        listener.progress("draft.phase.done", 1);
        return record;
    }

    /**
     * The template-independent extraction of an encounter (all categories), from the cache when the
     * same sources were read with the same model before. Used by diagnostic suggestions when the
     * sources are too long to show the model whole. Same threading and failures as {@link #draft}.
     */
    public ClinicalExtraction extraction(List<Source> sourceList, DraftOptions options, DraftListener listener,
            CancellationToken cancel) {
        InputScreen.check(sourceList);
        LoadedModel model = engine.model();
        if (model == null) {
            throw new MedScribeException(MedScribeException.Category.FAILED, "draft.error.noModel");
        }
        SegmentedSources sources = segmenter.segment(sourceList);
        String cacheKey = cacheKey(fingerprints.sha256(model.path()), model, sourceList);
        Set<FactCategory> all = EnumSet.allOf(FactCategory.class);
        ClinicalExtraction cached = cache.get(cacheKey).filter(e -> e.isComplete() && e.categories().containsAll(all))
                .orElse(null);
        if (cached != null) {
            return cached;
        }
        int seed = options.seed() != null ? options.seed() : SEEDS.nextInt(Integer.MAX_VALUE);
        ClinicalExtraction extraction = extract(sources, all, sources.language(), options.temperature(), seed,
                model.contextSize(), new FactStream() { }, listener, cancel);
        if (extraction.isComplete()) {
            cache.put(cacheKey, extraction);
        }
        return extraction;
    }

    private ClinicalExtraction extract(SegmentedSources sources, Set<FactCategory> categories, RecordLanguage factLanguage,
            double temperature, int seed, int contextSize, FactStream facts, DraftListener listener,
            CancellationToken cancel) {
        StringBuilder allText = new StringBuilder();
        sources.sources().forEach(s -> allText.append(s.text()).append('\n'));
        TokenCost cost = TokenCost.measured(engine.countTokens(allText.toString()), allText.length());
        ExtractionSchema full = ExtractionSchema.of(categories, factLanguage, 1, sources.size());
        ChunkPlanner.Plan plan = ChunkPlanner.plan(engine, sources, full, cost, contextSize, factLanguage);
        int chunks = plan.chunks().size();
        Map<FactCategory, List<ExtractedFact>> merged = new EnumMap<>(FactCategory.class);
        int[] duplicates = {0};
        Set<FactCategory> completedEverywhere = EnumSet.copyOf(categories);
        int promptTokens = 0;
        int generated = 0;
        double millis = 0;
        double firstTokenMillis = 0;
        String partialReason = null;
        String schemaSha = sha256(plan.chunks().get(0).json());
        for (int i = 0; i < chunks; i++) {
            if (cancel.isCancelled()) {
                partialReason = "cancelled";
                completedEverywhere.clear();
                break;
            }
            ExtractionSchema schema = plan.chunks().get(i);
            boolean last = i == chunks - 1;
            int part = i;
            Set<FactCategory> doneHere = EnumSet.noneOf(FactCategory.class);
            Map<FactCategory, List<ExtractedFact>> shownHere = new EnumMap<>(FactCategory.class);
            StreamingJsonReader reader = new StreamingJsonReader(2, new StreamingJsonReader.Listener() {
                @Override
                public void opened(List<Object> path) {
                    if (path.size() == 1) {
                        facts.categoryStarted(FactCategory.fromKey((String) path.get(0)));
                    }
                }

                @Override
                public void completed(List<Object> path, JsonNode value) {
                    FactCategory category = FactCategory.fromKey((String) path.get(0));
                    if (path.size() == 2) {
                        // One fact, as soon as it closes, if it is new: shown while the model goes on. It
                        // joins the extraction only with its whole category, as a stopped answer's half
                        // category does not.
                        ExtractedFact fact = fact(category, value);
                        List<ExtractedFact> shown = shownHere.computeIfAbsent(category, c -> new ArrayList<>());
                        if (fact != null && duplicateOf(fact, merged.getOrDefault(category, List.of())) < 0
                                && duplicateOf(fact, shown) < 0) {
                            shown.add(fact);
                            facts.factWritten(fact);
                        }
                        return;
                    }
                    List<ExtractedFact> list = merged.computeIfAbsent(category, c -> new ArrayList<>());
                    duplicates[0] += mergeFacts(category, value, list);
                    doneHere.add(category);
                    listener.progress("draft.phase.extracting",
                            (part + doneHere.size() / (double) schema.categories().size()) / chunks);
                    if (last) {
                        facts.categoryFinal(category, list);
                    }
                }
            });
            List<ChatMessage> messages = ExtractionPrompt.messages(sources, schema, i + 1, chunks);
            GenerationRequest request = GenerationRequest.builder(messages)
                    .maxTokens(plan.outputBound())
                    .temperature(temperature)
                    .seed(seed)
                    .jsonSchema(schema.json())
                    .cachePrompt(true)
                    .build();
            if (chunks > 1) {
                listener.part(i + 1, chunks);
            }
            listener.progress("draft.phase.extracting", i / (double) chunks);
            GenerationResult result = engine.generate(request, piece -> {
                reader.feed(piece);
                listener.token(piece);
            }, cancel);
            reader.end();
            promptTokens += result.metrics().promptTokens();
            generated += result.metrics().generatedTokens();
            millis += result.metrics().totalMillis();
            if (i == 0) {
                firstTokenMillis = result.metrics().timeToFirstTokenMillis();
            }
            completedEverywhere.retainAll(doneHere);
            if (result.finishReason() == FinishReason.CANCELLED) {
                partialReason = "cancelled";
                if (!last) {
                    // A category is complete only once every chunk has answered it: stopped before the
                    // last chunk, none is (its sections are unfinished, not "not documented").
                    completedEverywhere.clear();
                }
                break;
            }
            if (result.finishReason() == FinishReason.LENGTH) {
                LOG.warn("extraction answer hit the token limit {} in chunk {} of {}", plan.outputBound(), i + 1, chunks);
                partialReason = "length";
            } else if (!reader.isComplete()) {
                LOG.warn("extraction answer is not the JSON the schema asks for");
                throw new MedScribeException(MedScribeException.Category.FAILED, "draft.error.malformedAnswer");
            }
        }
        List<ExtractedFact> all = new ArrayList<>();
        for (FactCategory category : FactCategory.values()) {
            all.addAll(merged.getOrDefault(category, List.of()));
        }
        return new ClinicalExtraction(factLanguage, categories, all, plan.report(duplicates[0]), temperature, seed,
                plan.outputBound(), schemaSha, promptTokens, generated, millis, firstTokenMillis,
                partialReason == null ? categories : completedEverywhere, partialReason);
    }

    /** Adds the facts of one category's answer to {@code list}; returns how many were duplicates. */
    private static int mergeFacts(FactCategory category, JsonNode array, List<ExtractedFact> list) {
        int duplicates = 0;
        for (JsonNode item : array) {
            ExtractedFact fact = fact(category, item);
            if (fact == null) {
                continue;
            }
            int same = duplicateOf(fact, list);
            if (same < 0) {
                list.add(fact);
            } else {
                duplicates++;
                ExtractedFact kept = list.get(same);
                Set<Integer> union = new LinkedHashSet<>(kept.segments());
                union.addAll(fact.segments());
                list.set(same, new ExtractedFact(category, kept.text(), new ArrayList<>(union).subList(0,
                        Math.min(union.size(), 6))));
            }
        }
        return duplicates;
    }

    /** One fact of the answer ({@code {"t":…,"s":[…]}}), or null when it says nothing. */
    private static ExtractedFact fact(FactCategory category, JsonNode item) {
        String text = item.path("t").asText("").strip();
        if (text.isEmpty()) {
            return null;
        }
        List<Integer> cited = new ArrayList<>();
        item.path("s").forEach(n -> {
            if (n.canConvertToInt()) {
                cited.add(n.intValue());
            }
        });
        return new ExtractedFact(category, text, cited);
    }

    /** Index of a fact saying the same thing (same words, or four fifths of them), or -1. */
    static int duplicateOf(ExtractedFact fact, List<ExtractedFact> list) {
        String normalized = ClinicalText.normalize(fact.text()).replaceAll("[\\s\\p{Punct}]+", " ").strip();
        Set<String> terms = termKeys(fact.text());
        for (int i = 0; i < list.size(); i++) {
            ExtractedFact other = list.get(i);
            String otherNormalized = ClinicalText.normalize(other.text()).replaceAll("[\\s\\p{Punct}]+", " ").strip();
            if (normalized.equals(otherNormalized)) {
                return i;
            }
            Set<String> otherTerms = termKeys(other.text());
            if (terms.isEmpty() || otherTerms.isEmpty()) {
                continue;
            }
            Set<String> both = new LinkedHashSet<>(terms);
            both.retainAll(otherTerms);
            Set<String> either = new LinkedHashSet<>(terms);
            either.addAll(otherTerms);
            if (both.size() >= 0.8 * either.size()) {
                return i;
            }
        }
        return -1;
    }

    private static Set<String> termKeys(String text) {
        Set<String> keys = new LinkedHashSet<>();
        ClinicalText.analyse(text).terms().forEach(t -> keys.add(t.key() + (t.negated() ? "~" : "")));
        return keys;
    }

    private Translation translate(RecordTemplate template, ClinicalExtraction extraction, RecordLanguage from,
            SectionAssembler assembler, DraftListener listener, CancellationToken cancel) {
        List<ExtractedFact> facts = new ArrayList<>();
        for (TemplateSection section : template.sections()) {
            for (FactCategory category : section.facts()) {
                facts.addAll(extraction.facts(category));
            }
        }
        Translation translation = new Translation();
        assembler.expectTranslations(facts);
        if (facts.isEmpty()) {
            return translation;
        }
        StringBuilder sample = new StringBuilder();
        template.sections().forEach(s -> sample.append(s.title()).append(' ').append(s.instruction()).append('\n'));
        TokenCost cost = TokenCost.measured(engine.countTokens(sample.toString()), sample.length());
        int context = engine.model().contextSize();
        int start = 0;
        boolean first = true;
        while (start < facts.size()) {
            if (cancel.isCancelled()) {
                translation.partialReason = "cancelled";
                break;
            }
            // The largest batch whose prompt and answer bound fit the context.
            int end = start + 1;
            while (end < facts.size() && fits(facts.subList(start, end + 1), from, template.language(), cost, context)) {
                end++;
            }
            List<ExtractedFact> batch = facts.subList(start, end);
            List<String> texts = batch.stream().map(ExtractedFact::text).toList();
            int offset = start;
            StreamingJsonReader reader = new StreamingJsonReader(1, (path, value) -> {
                int index = Integer.parseInt((String) path.get(0)) - 1;
                assembler.translated(offset + index, value.asText(""));
                listener.progress("draft.phase.translating", (offset + index + 1) / (double) facts.size());
            });
            GenerationRequest request = GenerationRequest.builder(TranslationPrompt.messages(template.language(), texts))
                    .maxTokens(TranslationPrompt.tokenBound(texts, from, template.language(), cost))
                    .temperature(extraction.temperature())
                    .seed(extraction.seed())
                    .jsonSchema(TranslationPrompt.schema(texts, from, template.language()))
                    .cachePrompt(true)
                    .build();
            GenerationResult result = engine.generate(request, piece -> {
                reader.feed(piece);
                listener.token(piece);
            }, cancel);
            reader.end();
            translation.promptTokens += result.metrics().promptTokens();
            translation.generatedTokens += result.metrics().generatedTokens();
            translation.millis += result.metrics().totalMillis();
            if (first) {
                translation.timeToFirstTokenMillis = result.metrics().timeToFirstTokenMillis();
                first = false;
            }
            if (result.finishReason() == FinishReason.CANCELLED) {
                translation.partialReason = "cancelled";
                break;
            }
            if (result.finishReason() == FinishReason.LENGTH) {
                translation.partialReason = "length";
            } else if (!reader.isComplete()) {
                throw new MedScribeException(MedScribeException.Category.FAILED, "draft.error.malformedAnswer");
            }
            start = end;
        }
        return translation;
    }

    private boolean fits(List<ExtractedFact> batch, RecordLanguage from, RecordLanguage to, TokenCost cost, int context) {
        List<String> texts = batch.stream().map(ExtractedFact::text).toList();
        int prompt = engine.countPromptTokens(TranslationPrompt.messages(to, texts));
        return prompt + TranslationPrompt.tokenBound(texts, from, to, cost) + ChunkPlanner.MARGIN <= context;
    }

    private static String cacheKey(String modelSha, LoadedModel model, List<Source> sources) {
        StringBuilder key = new StringBuilder(EXTRACTION_FORMAT).append('\n');
        key.append(modelSha != null ? modelSha : model.path() + "|" + model.fileBytes() + "|" + model.name()).append('\n');
        for (Source source : sources) {
            key.append(source.id()).append('|').append(source.kind().wireName()).append('|').append(source.sha256()).append('\n');
        }
        return sha256(key.toString());
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    private static String appVersion() {
        String version = DraftingService.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }

    private static double millisSince(long nanos) {
        return (System.nanoTime() - nanos) / 1_000_000.0;
    }

    /** Totals of the translation calls. */
    private static final class Translation {
        static final Translation NONE = new Translation();
        int promptTokens;
        int generatedTokens;
        double millis;
        double timeToFirstTokenMillis;
        String partialReason;
    }

    /** Follows an extraction as the model writes it; called on the engine's token thread. */
    private interface FactStream {
        /** The model began writing {@code category} (in some chunk). */
        default void categoryStarted(FactCategory category) {
        }

        /** A new fact (not a repeat of one already written). */
        default void factWritten(ExtractedFact fact) {
        }

        /** {@code category} is complete in every chunk: {@code facts} are all of it. */
        default void categoryFinal(FactCategory category, List<ExtractedFact> facts) {
        }
    }

    /**
     * Turns final categories (or translated facts) into verified sections and announces each
     * section once all it needs is there; before that, tells which sections the model is writing
     * and the facts it wrote for them.
     */
    private static final class SectionAssembler implements FactStream {
        private final RecordTemplate template;
        private final EvidenceMatcher matcher;
        private final DraftListener listener;
        private final boolean translate;
        private final Map<FactCategory, List<ExtractedFact>> finalFacts = new EnumMap<>(FactCategory.class);
        private final Map<String, DraftSection> done = new LinkedHashMap<>();
        private final Set<String> started = new LinkedHashSet<>();
        private List<ExtractedFact> toTranslate = List.of();
        private String[] translations = new String[0];
        double checkMillis;

        SectionAssembler(RecordTemplate template, EvidenceMatcher matcher, DraftListener listener, boolean translate) {
            this.template = template;
            this.matcher = matcher;
            this.listener = listener;
            this.translate = translate;
        }

        @Override
        public synchronized void categoryStarted(FactCategory category) {
            for (TemplateSection section : template.sections()) {
                if (section.facts().contains(category) && !done.containsKey(section.id()) && started.add(section.id())) {
                    listener.sectionStarted(section.id());
                }
            }
        }

        @Override
        public synchronized void factWritten(ExtractedFact fact) {
            for (TemplateSection section : template.sections()) {
                if (section.facts().contains(fact.category()) && !done.containsKey(section.id())) {
                    listener.statementWritten(section.id(), fact.text());
                }
            }
        }

        @Override
        public synchronized void categoryFinal(FactCategory category, List<ExtractedFact> facts) {
            finalFacts.put(category, List.copyOf(facts));
            if (!translate) {
                emitReadySections();
            }
        }

        synchronized void expectTranslations(List<ExtractedFact> facts) {
            toTranslate = List.copyOf(facts);
            translations = new String[facts.size()];
            emitReadySections();
        }

        synchronized void translated(int index, String text) {
            if (index >= 0 && index < translations.length) {
                translations[index] = text.strip();
                emitReadySections();
            }
        }

        private void emitReadySections() {
            for (TemplateSection section : template.sections()) {
                if (done.containsKey(section.id()) || !ready(section)) {
                    continue;
                }
                DraftSection built = build(section);
                done.put(section.id(), built);
                listener.sectionCompleted(built);
            }
        }

        private boolean ready(TemplateSection section) {
            for (FactCategory category : section.facts()) {
                if (!finalFacts.containsKey(category)) {
                    return false;
                }
            }
            if (!translate) {
                return true;
            }
            for (int i = 0; i < toTranslate.size(); i++) {
                if (section.facts().contains(toTranslate.get(i).category()) && translations[i] == null) {
                    return false;
                }
            }
            return toTranslate.size() == translations.length;
        }

        private DraftSection build(TemplateSection section) {
            long start = System.nanoTime();
            List<Statement> statements = new ArrayList<>();
            for (FactCategory category : section.facts()) {
                for (ExtractedFact fact : finalFacts.getOrDefault(category, List.of())) {
                    statements.add(statement(fact));
                }
            }
            checkMillis += millisSince(start);
            return new DraftSection(section.id(), section.title(), section.kind(), section.required(),
                    statements.isEmpty() ? SectionStatus.NOT_DOCUMENTED : SectionStatus.DRAFTED, statements);
        }

        private Statement statement(ExtractedFact fact) {
            if (translate) {
                int index = toTranslate.indexOf(fact);
                String text = index >= 0 ? translations[index] : null;
                if (text != null && !text.isEmpty()) {
                    EvidenceCheck check = matcher.checkTranslation(text, fact.text(), fact.segments());
                    return new Statement(text, fact.category(), fact.text(), fact.segments(), check.supported(),
                            check.reason(), check.evidence());
                }
            }
            EvidenceCheck check = matcher.check(fact.text(), fact.segments());
            return new Statement(fact.text(), fact.category(), null, fact.segments(), check.supported(), check.reason(),
                    check.evidence());
        }

        /** Every template section in order; those never finished are incomplete. */
        synchronized List<DraftSection> finish(ClinicalExtraction extraction, Translation translation, boolean partial) {
            List<DraftSection> sections = new ArrayList<>();
            for (TemplateSection section : template.sections()) {
                DraftSection built = done.get(section.id());
                if (built == null) {
                    boolean extracted = extraction.completedCategories().containsAll(section.facts());
                    if (extracted && !translate) {
                        built = build(section);
                    } else {
                        List<Statement> sofar = new ArrayList<>();
                        if (!translate) {
                            for (FactCategory category : section.facts()) {
                                for (ExtractedFact fact : extraction.facts(category)) {
                                    sofar.add(statement(fact));
                                }
                            }
                        }
                        built = new DraftSection(section.id(), section.title(), section.kind(), section.required(),
                                SectionStatus.INCOMPLETE, sofar);
                    }
                } else if (partial && built.status() == SectionStatus.NOT_DOCUMENTED
                        && !extraction.completedCategories().containsAll(section.facts())) {
                    built = new DraftSection(section.id(), section.title(), section.kind(), section.required(),
                            SectionStatus.INCOMPLETE, built.statements());
                }
                sections.add(built);
            }
            return sections;
        }
    }
}
