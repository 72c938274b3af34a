package org.medscribe.storage.db;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.sql.SQLException;
import java.util.Locale;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** Turns SQLite and file-system failures into MedScribe's keyed exceptions at the storage edge. */
public final class StorageFailures {

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_IOERR = 10;
    private static final int SQLITE_CORRUPT = 11;
    private static final int SQLITE_FULL = 13;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_NOTADB = 26;

    private StorageFailures() {
    }

    public static MedScribeException translate(SQLException e) {
        int code = primaryCode(e);
        String message = String.valueOf(e.getMessage());
        return switch (code) {
            case SQLITE_FULL -> new MedScribeException(Category.FAILED, e, "storage.error.diskFull");
            case SQLITE_CORRUPT, SQLITE_NOTADB -> new MedScribeException(Category.FAILED, e, "storage.error.corrupt");
            case SQLITE_BUSY, SQLITE_LOCKED -> new MedScribeException(Category.FAILED, e, "storage.error.busy");
            case SQLITE_READONLY -> new MedScribeException(Category.FAILED, e, "storage.error.readOnly");
            case SQLITE_CANTOPEN -> new MedScribeException(Category.FAILED, e, "storage.error.cantOpen");
            case SQLITE_IOERR -> message.toLowerCase(Locale.ROOT).contains("full")
                    ? new MedScribeException(Category.FAILED, e, "storage.error.diskFull")
                    : new MedScribeException(Category.FAILED, e, "storage.error.io", codeName(e));
            case SQLITE_CONSTRAINT -> message.contains("immutable") || message.contains("append-only")
                    ? new MedScribeException(Category.BAD_INPUT, e, "storage.error.immutable")
                    : new MedScribeException(Category.BAD_INPUT, e, "storage.error.constraint", codeName(e));
            default -> new MedScribeException(Category.FAILED, e, "storage.error.database", codeName(e));
        };
    }

    public static MedScribeException translate(IOException e) {
        if (isDiskFull(e)) {
            return new MedScribeException(Category.FAILED, e, "storage.error.diskFull");
        }
        String file = e instanceof FileSystemException fs && fs.getFile() != null ? fs.getFile() : "";
        return new MedScribeException(Category.FAILED, e, "storage.error.file", file);
    }

    public static boolean isDiskFull(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && primaryCode(sql) == SQLITE_FULL) {
                return true;
            }
            String message = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
            if (message.contains("no space left") || message.contains("disk is full")
                    || message.contains("not enough space") || message.contains("disk full")) {
                return true;
            }
        }
        return false;
    }

    public static boolean isCorruption(SQLException e) {
        int code = primaryCode(e);
        return code == SQLITE_CORRUPT || code == SQLITE_NOTADB;
    }

    static int primaryCode(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            return sqlite.getResultCode().code & 0xff;
        }
        return e.getErrorCode() & 0xff;
    }

    private static String codeName(SQLException e) {
        if (e instanceof SQLiteException sqlite) {
            SQLiteErrorCode code = sqlite.getResultCode();
            return code.name();
        }
        return "SQL" + e.getErrorCode();
    }
}
