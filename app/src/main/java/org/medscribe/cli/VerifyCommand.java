package org.medscribe.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.medscribe.common.CancellationToken;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.EncounterStore;
import org.medscribe.storage.VerificationReport;
import org.medscribe.storage.audit.AuditChainReport;
import org.medscribe.storage.crypto.KeyFileKeySource;
import picocli.CommandLine.Command;

/**
 * {@code medscribe verify}: integrity, triggers, audit chain and anchor, signed records, every encrypted
 * field and row seal (see {@code docs/storage.md}). Prints the report as
 * JSON; exits 1 with the first reason when anything is wrong. Safe while the app is running.
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Verify the encounter database: SQLite integrity, triggers, the audit chain and its anchor, "
                + "signed records and versions against the audit, every encrypted field, row seals. "
                + "Exit code 1 when tampering or corruption is found.")
final class VerifyCommand implements Callable<Integer> {

    private final CliContext context;

    VerifyCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        VerificationReport report = EncounterStore.verifyDatabase(context.directories().store(),
                KeyFileKeySource.forStore(context.directories().store()), CancellationToken.none(),
                StoreCommands.progress(context));
        ObjectNode out = StoreCommands.JSON.createObjectNode();
        out.put("ok", report.ok());
        out.put("integrity_ok", report.integrityOk());
        out.set("integrity_messages", StoreCommands.JSON.valueToTree(report.integrityMessages()));
        ObjectNode audit = out.putObject("audit");
        audit.put("rows", report.audit().rows());
        audit.put("head_seq", report.audit().headSeq());
        audit.put("head_hash", report.audit().headHash());
        ArrayNode auditProblems = audit.putArray("problems");
        for (AuditChainReport.Problem problem : report.audit().problems()) {
            auditProblems.addObject().put("key", problem.messageKey()).put("seq", problem.seq())
                    .put("text", context.messages().get(problem.messageKey()));
        }
        out.put("signed_records", report.signedRecords());
        out.put("draft_versions", report.draftVersions());
        ArrayNode problems = out.putArray("problems");
        for (VerificationReport.Problem problem : report.problems()) {
            ObjectNode node = problems.addObject().put("key", problem.messageKey()).put("table", problem.table())
                    .put("row_id", problem.rowId()).put("text", context.messages().get(problem.messageKey()));
            if (problem.column() != null) {
                node.put("column", problem.column());
            }
        }
        List<Path> forgedBackups = EncounterStore.backupsWithForgedManifests(context.directories().store(),
                KeyFileKeySource.forStore(context.directories().store()));
        ArrayNode backups = out.putArray("backups_with_invalid_manifest_seal");
        forgedBackups.forEach(file -> backups.add(file.toAbsolutePath().toString()));
        out.put("ok", report.ok() && forgedBackups.isEmpty());
        context.out().println(StoreCommands.JSON.writeValueAsString(out));
        if (!report.ok() || !forgedBackups.isEmpty()) {
            int count = (report.integrityOk() ? 0 : 1) + report.audit().problems().size() + report.problems().size()
                    + forgedBackups.size();
            String first = report.ok() ? "storage.verify.backupManifestForged" : report.firstProblemKey();
            throw new MedScribeException(Category.FAILED, "storage.cli.verify.failed", count,
                    context.messages().get(first));
        }
        return MedScribeCommand.OK;
    }
}
