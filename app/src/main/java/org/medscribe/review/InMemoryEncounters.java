package org.medscribe.review;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Encounters kept in memory for the session: what the workspace uses when no encounter store is
 * available (and in view-model tests). Thread-safe.
 */
public final class InMemoryEncounters implements Encounters {

    private final Map<String, Item> items = new LinkedHashMap<>();
    private final Map<String, Content> contents = new LinkedHashMap<>();
    private final Clock clock;
    private final String defaultTemplate;

    public InMemoryEncounters(Clock clock, String defaultTemplate) {
        this.clock = clock;
        this.defaultTemplate = defaultTemplate;
    }

    @Override
    public synchronized List<Item> search(String query) {
        String needle = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        List<Item> found = new ArrayList<>();
        for (Item item : items.values()) {
            if (needle.isEmpty() || item.patientName().toLowerCase(Locale.ROOT).contains(needle)
                    || item.recordNumber().toLowerCase(Locale.ROOT).contains(needle)) {
                found.add(item);
            }
        }
        found.sort(Comparator.comparing(Item::startedAt).reversed());
        return found;
    }

    @Override
    public synchronized Item create(String patientName, String recordNumber, Details details) {
        Item item = new Item(UUID.randomUUID().toString(), patientName, recordNumber, clock.instant(), "OPEN",
                details);
        items.put(item.id(), item);
        contents.put(item.id(), Content.empty(defaultTemplate));
        return item;
    }

    @Override
    public synchronized Content open(String encounterId) {
        Content content = contents.get(encounterId);
        if (content == null) {
            throw new IllegalArgumentException("no encounter " + encounterId);
        }
        return content;
    }

    @Override
    public synchronized void save(String encounterId, Content content) {
        if (!items.containsKey(encounterId)) {
            throw new IllegalArgumentException("no encounter " + encounterId);
        }
        contents.put(encounterId, content);
    }
}
