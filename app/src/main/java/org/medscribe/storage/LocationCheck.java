package org.medscribe.storage;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Warns when the database sits on a network share or in a cloud-synced folder: SQLite's locking is
 * unreliable over network file systems, and a sync client copying a live WAL database can corrupt
 * it or spread patient data to a cloud.
 */
public final class LocationCheck {

    /** Why a location is risky; {@code messageKey} reads as a status line, {@code detail} names the cause. */
    public record LocationWarning(String messageKey, String detail) {
    }

    private static final List<String> NETWORK_TYPES = List.of("nfs", "nfs4", "cifs", "smbfs", "smb", "smb2", "smb3",
            "afs", "9p", "ncpfs", "davfs", "webdav", "sshfs", "glusterfs", "ceph", "lustre");

    private static final List<String> SYNC_FOLDERS = List.of("dropbox", "onedrive", "icloud", "icloud drive",
            "icloud~", "mobile documents", "google drive", "googledrive", "my drive", "box", "box sync", "pcloud",
            "mega", "megasync", "nextcloud", "owncloud", "seafile", "syncthing", "sync.com", "tresorit", "yandex.disk",
            "坚果云", "nutstore", "百度网盘", "baidunetdisk", "baiduyunguanjia", "wps云盘", "wpsdrive", "腾讯微云", "weiyun",
            "阿里云盘", "aliyundrive", "alipan", "天翼云盘", "115网盘", "synologydrive", "synology drive", "onedrive - ");

    private LocationCheck() {
    }

    public static Optional<LocationWarning> check(Path location) {
        Path absolute = location.toAbsolutePath().normalize();
        String text = absolute.toString();
        if (text.startsWith("\\\\") || text.startsWith("//")) {
            return Optional.of(new LocationWarning("storage.warning.networkPath", "unc"));
        }
        Optional<LocationWarning> byType = fileStoreType(absolute)
                .flatMap(LocationCheck::checkType);
        if (byType.isPresent()) {
            return byType;
        }
        for (Path segment : absolute) {
            Optional<LocationWarning> bySegment = checkSegment(segment.toString());
            if (bySegment.isPresent()) {
                return bySegment;
            }
        }
        return Optional.empty();
    }

    static Optional<LocationWarning> checkType(String type) {
        String lower = type.toLowerCase(Locale.ROOT);
        if (lower.startsWith("fuse")) {
            return Optional.of(new LocationWarning("storage.warning.networkPath", lower));
        }
        for (String network : NETWORK_TYPES) {
            if (lower.equals(network) || lower.startsWith(network + ".")) {
                return Optional.of(new LocationWarning("storage.warning.networkPath", lower));
            }
        }
        return Optional.empty();
    }

    static Optional<LocationWarning> checkSegment(String segment) {
        String lower = segment.toLowerCase(Locale.ROOT);
        for (String folder : SYNC_FOLDERS) {
            if (lower.equals(folder) || lower.startsWith(folder + " ") || lower.startsWith(folder + "-")
                    || lower.startsWith(folder + "_")
                    || ((folder.length() > 4 || !folder.chars().allMatch(c -> c < 128)) && lower.contains(folder))) {
                return Optional.of(new LocationWarning("storage.warning.cloudSyncPath", segment));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> fileStoreType(Path path) {
        for (Path existing = path; existing != null; existing = existing.getParent()) {
            if (Files.exists(existing)) {
                try {
                    FileStore store = Files.getFileStore(existing);
                    return Optional.of(store.type());
                } catch (IOException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
