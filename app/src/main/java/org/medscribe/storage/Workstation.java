package org.medscribe.storage;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The workstation's name for the audit log, read from the environment or {@code /etc/hostname}:
 * never through a DNS lookup, which would be network traffic.
 */
final class Workstation {

    private static volatile String cached;

    private Workstation() {
    }

    static String name() {
        String name = cached;
        if (name == null) {
            name = find();
            cached = name;
        }
        return name;
    }

    private static String find() {
        for (String variable : new String[] {"COMPUTERNAME", "HOSTNAME"}) {
            String value = System.getenv(variable);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        try {
            Path hostname = Path.of("/etc/hostname");
            if (Files.isReadable(hostname)) {
                String value = Files.readString(hostname, StandardCharsets.UTF_8).strip();
                if (!value.isEmpty()) {
                    return value;
                }
            }
        } catch (IOException | SecurityException e) {
            // Fall through to the placeholder.
        }
        return "unknown";
    }
}
