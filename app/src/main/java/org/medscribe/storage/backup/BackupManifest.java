package org.medscribe.storage.backup;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * What a backup promises, written beside it as {@code <name>.manifest.json} after the copy was
 * verified; restore checks the copy against every field. No patient data: counts, hashes, ids.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
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
        @JsonProperty("key_ids") List<String> keyIds) {

    public static final String FORMAT = "medscribe-backup-1";
}
