package org.medscribe.ui;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.application.Application;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.text.Font;

/**
 * The look: AtlantaFX's Primer theme (light or dark) under the app's own style sheet, a base font
 * size the user chooses (every size in the style sheet is relative to it, so the whole UI scales),
 * and the platform's system font. The system font is kept on purpose: JavaFX falls back from it to
 * the platform's CJK fonts (Microsoft YaHei on Windows, PingFang on macOS, fontconfig's choice such as
 * WenQuanYi on Linux) glyph by glyph, while a named CJK family would show a gap for every glyph it
 * lacks (WenQuanYi Micro Hei has no ℃). {@code -Dmedscribe.ui.font=FAMILY} forces a family.
 */
public final class Theme {

    public static final String STYLESHEET = "/org/medscribe/ui/app.css";

    private final String family;

    public Theme() {
        this(forcedFamily(System.getProperty("medscribe.ui.font"), Font.getFamilies()));
    }

    Theme(String family) {
        this.family = family;
    }

    /** The family named by the user if it is installed; null (the system font) otherwise. */
    static String forcedFamily(String wanted, List<String> installed) {
        if (wanted == null || wanted.isBlank()) {
            return null;
        }
        return installed.stream().filter(name -> name.equalsIgnoreCase(wanted.strip())).findFirst().orElse(null);
    }

    public String family() {
        return family;
    }

    /** Sets the theme for the whole application (all windows). UI thread. */
    public void applyGlobally(String theme) {
        Application.setUserAgentStylesheet(isDark(theme) ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
    }

    /** Our style sheet, the dark marker class and the base font on {@code scene}. UI thread. */
    public void apply(Scene scene, String theme, double fontSize) {
        String sheet = Objects.requireNonNull(Theme.class.getResource(STYLESHEET), STYLESHEET).toExternalForm();
        if (!scene.getStylesheets().contains(sheet)) {
            scene.getStylesheets().add(sheet);
        }
        Parent root = scene.getRoot();
        if (root != null) {
            style(root, theme, fontSize);
        }
    }

    /** Applies the font and dark marker to one root node (a window's or a dialog's). */
    public void style(Parent root, String theme, double fontSize) {
        root.getStyleClass().remove("dark");
        if (isDark(theme)) {
            root.getStyleClass().add("dark");
        }
        StringBuilder style = new StringBuilder(String.format(Locale.ROOT, "-fx-font-size: %.1fpt;", fontSize));
        if (family != null) {
            style.append(" -fx-font-family: \"").append(family).append("\";");
        }
        root.setStyle(style.toString());
    }

    public static boolean isDark(String theme) {
        return "dark".equals(theme);
    }
}
