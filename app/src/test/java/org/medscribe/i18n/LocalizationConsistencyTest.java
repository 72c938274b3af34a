package org.medscribe.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.medscribe.inference.EngineState;
import org.medscribe.settings.ui.SettingsViewModel;

/**
 * The two message bundles against each other and against the code (after JabRef's
 * LocalizationConsistencyTest): the same keys in English and Chinese, every key the code or FXML
 * uses exists, no key is unused, placeholders agree, apostrophes are written for MessageFormat.
 *
 * <p>A key is "used" when it appears as a string literal in the Java sources of any module, as
 * {@code %key} in an FXML file, or is built from one of the dynamic prefixes listed here.
 */
class LocalizationConsistencyTest {

    /** Keys built at run time as prefix + value; each entry lists every value the code can append. */
    private static final Map<String, List<String>> DYNAMIC = dynamicKeys();

    /** Literals that look like keys but are not (file names, logger names, ids). */
    private static final Pattern NOT_A_KEY = Pattern.compile(
            ".*\\.(json|properties|fxml|css|gguf|log|marker|tsv|txt|csv|pdf|png|jpg|jsonl|ttc|ttf|java|html|tmp|bin)$"
                    + "|^(org|com|java|javax|de|ch|io|sun|jdk)\\..*");

    private static final Pattern LITERAL = Pattern.compile("\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9_]+)+)\"");
    private static final Pattern JSON_KEY = Pattern.compile(
            "\"(?:message|fix|[a-z_]*_key|messageKey)\"\\s*:\\s*\"([a-z][a-zA-Z0-9]*(?:\\.[a-zA-Z0-9_]+)+)\"");
    private static final Pattern FXML_KEY = Pattern.compile("\"%([a-zA-Z0-9_.]+)\"");

    private static Path root;
    private static Map<String, String> english;
    private static Map<String, String> chinese;
    private static Set<String> namespaces;

    private static Map<String, List<String>> dynamicKeys() {
        Map<String, List<String>> keys = new LinkedHashMap<>();
        keys.put("engine.state.", Stream.of(EngineState.values()).map(Enum::name).toList());
        keys.put("settings.language.", SettingsViewModel.LANGUAGES);
        keys.put("settings.theme.", SettingsViewModel.THEMES);
        keys.put("quality.ui.grade.", Stream.of(org.medscribe.quality.QualityScore.Grade.values()).map(Enum::name)
                .toList());
        keys.put("quality.ui.severity.", Stream.of(org.medscribe.record.Severity.values()).map(s -> s.code()).toList());
        keys.put("quality.ui.source.", Stream.of(org.medscribe.quality.FindingSource.values())
                .map(s -> s.code()).toList());
        keys.put("quality.ui.model.", Stream.of(org.medscribe.quality.model.ModelReview.Status.values())
                .filter(s -> s != org.medscribe.quality.model.ModelReview.Status.NOT_RUN)
                .map(s -> s.name().toLowerCase(java.util.Locale.ROOT)).toList());
        keys.put("template.", org.medscribe.record.TemplateLibrary.BUILT_IN);
        keys.put("encounters.sex.", org.medscribe.review.Encounters.Details.SEXES);
        keys.put("encounters.visit.", org.medscribe.review.Encounters.Details.VISIT_TYPES);
        keys.put("encounters.status.", org.medscribe.review.Encounters.Item.STATUSES);
        return keys;
    }

    @BeforeAll
    static void read() throws IOException {
        String configured = System.getProperty("medscribe.project.dir");
        root = configured != null ? Path.of(configured) : Path.of("..").toAbsolutePath().normalize();
        Path bundles = root.resolve("ui-resources/src/main/resources/org/medscribe");
        english = readBundle(bundles.resolve("messages.properties"));
        chinese = readBundle(bundles.resolve("messages_zh_CN.properties"));
        namespaces = new TreeSet<>();
        english.keySet().forEach(key -> namespaces.add(key.substring(0, key.indexOf('.'))));
    }

    /** Reads a bundle as the JDK does (UTF-8), failing on a key defined twice. */
    private static Map<String, String> readBundle(Path file) throws IOException {
        java.util.Properties properties = new java.util.Properties();
        try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        List<String> duplicates = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).strip();
            if (!seen.add(key)) {
                duplicates.add(key);
            }
        }
        assertThat(duplicates).as("keys defined twice in %s", file.getFileName()).isEmpty();
        Map<String, String> map = new LinkedHashMap<>();
        properties.forEach((key, value) -> map.put((String) key, (String) value));
        return map;
    }

    @Test
    void theItemsOfAMenuHaveDistinctMnemonicsInBothLanguages() {
        for (Map<String, String> bundle : List.of(english, chinese)) {
            Map<String, Map<Character, String>> byMenu = new java.util.TreeMap<>();
            bundle.forEach((key, text) -> {
                String[] parts = key.split("\\.");
                int at = text.indexOf('_');
                if (parts.length == 3 && parts[0].equals("menu") && at >= 0 && at + 1 < text.length()) {
                    char letter = Character.toUpperCase(text.charAt(at + 1));
                    String other = byMenu.computeIfAbsent(parts[1], menu -> new java.util.HashMap<>()).put(letter, key);
                    assertThat(other).as("%s and %s share the mnemonic %s", key, other, letter).isNull();
                }
            });
            assertThat(byMenu).as("menus with mnemonics").containsKeys("file", "view");
        }
    }

    @Test
    void bothLanguagesHaveTheSameKeys() {
        assertThat(new TreeSet<>(chinese.keySet())).as("keys in English only or Chinese only")
                .isEqualTo(new TreeSet<>(english.keySet()));
    }

    @Test
    void everyKeyTheCodeUsesExists() throws IOException {
        Set<String> missing = new TreeSet<>();
        for (String key : keysInCode()) {
            if (!english.containsKey(key)) {
                missing.add(key);
            }
        }
        for (Map.Entry<String, List<String>> dynamic : DYNAMIC.entrySet()) {
            for (String suffix : dynamic.getValue()) {
                if (!english.containsKey(dynamic.getKey() + suffix)) {
                    missing.add(dynamic.getKey() + suffix);
                }
            }
        }
        assertThat(missing).as("keys used in code or FXML but missing from messages.properties").isEmpty();
    }

    @Test
    void noKeyIsUnused() throws IOException {
        Set<String> used = keysInCode();
        DYNAMIC.forEach((prefix, suffixes) -> suffixes.forEach(suffix -> used.add(prefix + suffix)));
        Set<String> unused = new TreeSet<>(english.keySet());
        unused.removeAll(used);
        assertThat(unused).as("keys in the bundles that no code or FXML uses").isEmpty();
    }

    @Test
    void placeholdersMatchBetweenLanguages() {
        List<String> mismatches = new ArrayList<>();
        for (Map.Entry<String, String> entry : english.entrySet()) {
            String other = chinese.get(entry.getKey());
            if (other != null && !arguments(entry.getValue()).equals(arguments(other))) {
                mismatches.add(entry.getKey() + ": " + arguments(entry.getValue()) + " vs " + arguments(other));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    @Test
    void everyPatternIsValidMessageFormatWithDoubledApostrophes() {
        List<String> problems = new ArrayList<>();
        Pattern single = Pattern.compile("(?<!')'(?!')");
        for (Map<String, String> bundle : List.of(english, chinese)) {
            bundle.forEach((key, pattern) -> {
                try {
                    new MessageFormat(pattern);
                } catch (IllegalArgumentException e) {
                    problems.add(key + ": not a valid pattern (" + e.getMessage() + ")");
                }
                if (single.matcher(pattern).find()) {
                    problems.add(key + ": single apostrophe (write '' for an apostrophe)");
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    /** Argument indices a pattern uses, e.g. [0, 1]. */
    private static Set<Integer> arguments(String pattern) {
        Set<Integer> indices = new TreeSet<>();
        Matcher matcher = Pattern.compile("\\{(\\d+)").matcher(pattern.replaceAll("'[^']*'", ""));
        while (matcher.find()) {
            indices.add(Integer.parseInt(matcher.group(1)));
        }
        return indices;
    }

    /**
     * Literals that look like keys in a known namespace, from all Java sources, FXML files and the
     * JSON data files that name messages (rule packs, templates).
     */
    private static Set<String> keysInCode() throws IOException {
        Set<String> keys = new TreeSet<>();
        List<Path> sourceRoots = List.of(root.resolve("app/src/main/java"), root.resolve("inference/src/main/java"),
                root.resolve("ui-resources/src/main/resources"), root.resolve("app/src/main/resources"));
        for (Path sourceRoot : sourceRoots) {
            if (!Files.isDirectory(sourceRoot)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sourceRoot)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    String name = file.getFileName().toString();
                    if (name.endsWith(".json")) {
                        // Data files name messages in fields such as "message" and "fix" (rule packs).
                        Matcher matcher = JSON_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                        while (matcher.find()) {
                            keys.add(matcher.group(1));
                        }
                    } else if (name.endsWith(".java")) {
                        Matcher matcher = LITERAL.matcher(Files.readString(file, StandardCharsets.UTF_8));
                        while (matcher.find()) {
                            String literal = matcher.group(1);
                            if (looksLikeKey(literal)) {
                                keys.add(literal);
                            }
                        }
                    } else if (name.endsWith(".fxml")) {
                        Matcher matcher = FXML_KEY.matcher(Files.readString(file, StandardCharsets.UTF_8));
                        while (matcher.find()) {
                            keys.add(matcher.group(1));
                        }
                    }
                }
            }
        }
        return keys;
    }

    private static boolean looksLikeKey(String literal) {
        if (NOT_A_KEY.matcher(literal).matches() || literal.endsWith(".")) {
            return false;
        }
        for (String prefix : DYNAMIC.keySet()) {
            if (literal.equals(prefix.substring(0, prefix.length() - 1))) {
                return false;
            }
        }
        return namespaces.contains(literal.substring(0, literal.indexOf('.')));
    }
}
