package org.medscribe.storage.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a backup promises, written beside it as {@code <name>.manifest.json} after the copy was
 * verified; restore checks the copy against every field. No patient data: counts, hashes, ids.
 *
 * <p>{@code mac} seals every other field (HMAC-SHA256 with a key derived from the data key, see
 * {@link ManifestSeal}), so a backup edited together with a recomputed {@code sha256} is refused.
 * Manifests of format {@link #FORMAT_UNSEALED} were written before manifests were sealed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BackupManifest(
        @JsonProperty("format") String format,
        @JsonProperty("kind") String kind,
        @JsonProperty("created_at") String createdAt,
        @JsonProperty("database_file") String databaseFile,
        @JsonProperty("schema_version") int schemaVersion,
        @JsonProperty("sha256") String sha256,
        @JsonProperty("size_bytes") long sizeBytes,
        @JsonProperty("row_counts") Map<String, Long> rowCounts,
        @JsonProperty("audit_rows") long auditRows,
        @JsonProperty("audit_head_seq") long auditHeadSeq,
        @JsonProperty("audit_head_hash") String auditHeadHash,
        @JsonProperty("key_ids") List<String> keyIds,
        @JsonProperty("mac") String mac) {

    /** Sealed manifests (this version on). */
    public static final String FORMAT = "medscribe-backup-2";
    /** Manifests written before sealing: restored only when the user asks for it explicitly. */
    public static final String FORMAT_UNSEALED = "medscribe-backup-1";

    /** The same manifest naming {@code file} as its database file (the seal is dropped: it covers the name). */
    BackupManifest naming(String file) {
        return new BackupManifest(format, kind, createdAt, file, schemaVersion, sha256, sizeBytes, rowCounts,
                auditRows, auditHeadSeq, auditHeadHash, keyIds, null);
    }

    BackupManifest sealedWith(String value) {
        return new BackupManifest(format, kind, createdAt, databaseFile, schemaVersion, sha256, sizeBytes, rowCounts,
                auditRows, auditHeadSeq, auditHeadHash, keyIds, value);
    }

    /** Whether the store it copies held any patient or encounter (an empty store's backup is not). */
    public boolean holdsRecords() {
        return rowCounts != null && (rowCounts.getOrDefault("patients", 0L) > 0
                || rowCounts.getOrDefault("encounters", 0L) > 0);
    }
}
