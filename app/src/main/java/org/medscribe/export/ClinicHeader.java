package org.medscribe.export;

import java.nio.file.Path;

/**
 * The clinic's letterhead from settings, printed at the top of an exported PDF.
 *
 * @param name clinic or hospital name, or null
 * @param logo a PNG or JPEG file, or null
 * @param address postal address and phone, may span lines, or null
 */
public record ClinicHeader(String name, Path logo, String address) {

    public static ClinicHeader none() {
        return new ClinicHeader(null, null, null);
    }

    public boolean isEmpty() {
        return blank(name) && logo == null && blank(address);
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
