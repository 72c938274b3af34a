package org.medscribe.quality.rules;

import java.util.List;
import java.util.Locale;

/**
 * A section a rule pack knows, with the names a record may give it (its id in the template, its
 * title, the other template's id), so that rules find the section whatever the record calls it.
 */
public record SectionSpec(String id, List<String> aliases) {

    public SectionSpec {
        aliases = List.copyOf(aliases);
    }

    /** True when a record section with this id or title is this section. */
    public boolean names(String idOrTitle) {
        String key = key(idOrTitle);
        if (key.isEmpty()) {
            return false;
        }
        if (key(id).equals(key)) {
            return true;
        }
        for (String alias : aliases) {
            if (key(alias).equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** Case, spaces, underscores, hyphens and colons do not distinguish section names. */
    static String key(String name) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!Character.isWhitespace(c) && c != '_' && c != '-' && c != ':' && c != '：' && c != '/') {
                out.append(c);
            }
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
