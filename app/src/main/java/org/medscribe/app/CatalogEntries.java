package org.medscribe.app;

import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.medscribe.models.ModelCatalog;
import org.medscribe.models.ui.CatalogEntry;

/** The recommended models of the bundled catalog, as the onboarding panel lists them. Reads a resource: io. */
final class CatalogEntries implements Supplier<List<CatalogEntry>> {

    @Override
    public List<CatalogEntry> get() {
        return ModelCatalog.bundled().entries().stream()
                .map(entry -> new CatalogEntry(entry.name(), entry.file(), entry.bytes(), entry.licence(),
                        String.join(", ", entry.languages()),
                        String.format(Locale.ROOT, "%s · %.1fB · %s · %.1f GB RAM at %,d tokens", entry.architecture(),
                                entry.parametersBillions(), entry.quantization(), entry.ramBytes() / 1e9,
                                entry.ramContext())))
                .toList();
    }
}
