package org.medscribe.app;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.medscribe.models.ModelCatalog;
import org.medscribe.models.ui.CatalogEntry;
import org.medscribe.ui.MessageKey;

/** The recommended models of the bundled catalog, as the onboarding panel lists them. Reads a resource: io. */
final class CatalogEntries implements Supplier<List<CatalogEntry>> {

    @Override
    public List<CatalogEntry> get() {
        return ModelCatalog.bundled().entries().stream()
                .map(entry -> new CatalogEntry(entry.name(), entry.file(), entry.bytes(), entry.licence(),
                        String.join(", ", entry.languages()),
                        new MessageKey("model.catalog.facts", entry.architecture(),
                                String.format(Locale.ROOT, "%.1f", entry.parametersBillions()), entry.quantization(),
                                String.format(Locale.ROOT, "%.1f", entry.ramBytes() / 1e9), entry.ramContext())))
                .toList();
    }
}
