package org.medscribe.storage.crypto;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.AclEntry;
import java.nio.file.attribute.AclEntryPermission;
import java.nio.file.attribute.AclEntryType;
import java.nio.file.attribute.AclFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.medscribe.common.MedScribeException;
import org.medscribe.common.MedScribeException.Category;
import org.medscribe.storage.StoreLayout;

/**
 * A 256-bit KEK in a local file readable by the user only (POSIX {@code 0600}, or an ACL granting
 * only the owner on Windows). Losing this file makes the database unreadable, so it sits outside
 * the database directory and is never copied into backups; README tells the user to keep a copy.
 */
public final class KeyFileKeySource implements KeyEncryptionKeySource {

    public static final String KIND = "key-file";
    private static final String FORMAT = "medscribe-store-kek-1";

    private final Path file;
    private byte[] key;

    public KeyFileKeySource(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    /** The key file of the store laid out by {@code layout}. */
    public static KeyFileKeySource forStore(StoreLayout layout) {
        return new KeyFileKeySource(layout.keyFile());
    }

    public Path file() {
        return file;
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public String keyId() {
        byte[] material = material();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(material);
            return "file:" + HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    @Override
    public String location() {
        return file.toString();
    }

    @Override
    public boolean exists() {
        return Files.isRegularFile(file);
    }

    @Override
    public void create() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try {
            Files.createDirectories(file.getParent());
            restrictToOwner(file.getParent(), true);
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Properties properties = new Properties();
            properties.setProperty("format", FORMAT);
            properties.setProperty("key", Base64.getEncoder().encodeToString(fresh));
            Files.deleteIfExists(partial);
            Files.createFile(partial);
            restrictToOwner(partial, false);
            try (var out = Files.newOutputStream(partial)) {
                properties.store(out, "MedScribe database key. Keep a copy in a safe place; without it the "
                        + "encounter database cannot be read.");
            }
            // Never overwrite an existing key: that would orphan a database.
            if (Files.exists(file)) {
                Files.delete(partial);
                throw new FileAlreadyExistsException(file.toString());
            }
            try {
                Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notAtomic) {
                Files.move(partial, file);
            }
            key = fresh;
        } catch (IOException e) {
            throw new MedScribeException(Category.FAILED, e, "storage.error.keyFile", file.getFileName().toString());
        }
    }

    @Override
    public String newWrapParameters() {
        return "";
    }

    @Override
    public SecretKey keyEncryptionKey(String parameters) {
        return new SecretKeySpec(material(), "AES");
    }

    private byte[] material() {
        if (key == null) {
            if (!exists()) {
                throw new MedScribeException(Category.FAILED, "storage.error.keyMissing", file.toString());
            }
            try {
                Properties properties = new Properties();
                try (var in = Files.newBufferedReader(file, StandardCharsets.ISO_8859_1)) {
                    properties.load(in);
                }
                byte[] decoded = Base64.getDecoder().decode(properties.getProperty("key", ""));
                if (!FORMAT.equals(properties.getProperty("format")) || decoded.length != 32) {
                    Arrays.fill(decoded, (byte) 0);
                    throw new MedScribeException(Category.FAILED, "storage.error.keyFile", file.getFileName().toString());
                }
                key = decoded;
            } catch (IOException | IllegalArgumentException e) {
                throw new MedScribeException(Category.FAILED, e, "storage.error.keyFile", file.getFileName().toString());
            }
        }
        return key.clone();
    }

    private static void restrictToOwner(Path path, boolean directory) throws IOException {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(directory ? "rwx------" : "rw-------"));
            return;
        } catch (UnsupportedOperationException notPosix) {
            // Windows: fall through to an ACL naming only the owner.
        }
        AclFileAttributeView acl = Files.getFileAttributeView(path, AclFileAttributeView.class);
        if (acl == null) {
            return;
        }
        UserPrincipal owner = Files.getOwner(path);
        AclEntry entry = AclEntry.newBuilder()
                .setType(AclEntryType.ALLOW)
                .setPrincipal(owner)
                .setPermissions(Set.of(AclEntryPermission.values()))
                .build();
        acl.setAcl(List.of(entry));
    }
}
