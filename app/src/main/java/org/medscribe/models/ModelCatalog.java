package org.medscribe.models;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The recommended models ({@code models/catalog.json} of the source tree, copied into this module's
 * resources by the build): small instruction-tuned chat models whose architecture the bundled engine
 * runs, each with the exact size and SHA-256 of its file so a download or an imported copy can be
 * verified. Immutable and thread-safe.
 */
public final class ModelCatalog {

    /** Where the build puts the catalog on the class path. */
    public static final String RESOURCE = "/org/medscribe/models/catalog.json";

    /**
     * The header values the memory estimate uses.
     *
     * @param blockCount      transformer layers
     * @param embeddingLength hidden size
     * @param headCount       attention heads
     * @param headCountKv     key/value heads
     * @param vocabSize       tokens
     */
    public record Shape(long blockCount, long embeddingLength, long headCount, long headCountKv, long vocabSize) {
    }

    /**
     * One recommended model.
     *
     * @param id                 stable identifier
     * @param name               display name
     * @param file               file name to store it under
     * @param bytes              exact file size
     * @param sha256             SHA-256 of the file, lower-case hex
     * @param architecture       {@code general.architecture} of the file
     * @param quantization       e.g. {@code Q4_K_M}
     * @param parametersBillions parameter count in billions
     * @param languages          languages the model's makers state it supports (ISO 639-1)
     * @param licence            licence name
     * @param licenceUrl         licence text
     * @param commercialUse      whether the licence allows commercial use
     * @param sourceUrl          where the exact file can be downloaded
     * @param sha256Evidence     where the size and hash were verified
     * @param ramContext         context size of {@code ramBytes}
     * @param ramBytes           estimated memory need at {@code ramContext}
     * @param shape              header values behind the estimate
     */
    public record Entry(String id, String name, String file, long bytes, String sha256, String architecture,
            String quantization, double parametersBillions, List<String> languages, String licence, String licenceUrl,
            boolean commercialUse, String sourceUrl, String sha256Evidence, int ramContext, long ramBytes,
            Shape shape) {

        public Entry {
            languages = List.copyOf(languages);
        }
    }

    @JsonIgnoreProperties({"about"})
    private record CatalogFile(int catalogVersion, List<Entry> models) {
    }

    private final List<Entry> entries;

    private ModelCatalog(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    /** The catalog shipped with this version of MedScribe. */
    public static ModelCatalog bundled() {
        try (InputStream in = ModelCatalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("model catalog missing from the class path: " + RESOURCE);
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ModelCatalog read(InputStream json) throws IOException {
        ObjectMapper mapper = new ObjectMapper()
                .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        CatalogFile file = mapper.readValue(json, CatalogFile.class);
        return new ModelCatalog(Objects.requireNonNull(file.models(), "models"));
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The entry whose file has this SHA-256 (any case), e.g. to recognise an imported model. */
    public Optional<Entry> bySha256(String sha256) {
        String wanted = sha256.toLowerCase(Locale.ROOT);
        return entries.stream().filter(entry -> entry.sha256().equals(wanted)).findFirst();
    }
}
