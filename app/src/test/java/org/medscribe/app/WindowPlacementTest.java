package org.medscribe.app;

import static org.assertj.core.api.Assertions.assertThat;

import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

/** A saved window placement is put back on the screen as it is now. */
class WindowPlacementTest {

    private static final Rectangle2D SCREEN = new Rectangle2D(0, 0, 1366, 738);

    @Test
    void aSavedPlacementThatFitsIsKeptAsItWas() {
        assertThat(new WindowPlacement(40, 10, 1280, 720, false).fittedTo(SCREEN))
                .isEqualTo(new WindowPlacement(40, 10, 1280, 720, false));
    }

    @Test
    void aWindowLargerThanTheScreenOrPartlyOffItIsBroughtOnto() {
        WindowPlacement fitted = new WindowPlacement(900, 300, 1920, 1080, true).fittedTo(SCREEN);
        assertThat(fitted).isEqualTo(new WindowPlacement(0, 0, 1366, 738, true));
        WindowPlacement hanging = new WindowPlacement(600, 100, 1280, 720, false).fittedTo(SCREEN);
        assertThat(hanging.x() + hanging.width()).isLessThanOrEqualTo(SCREEN.getMaxX());
        assertThat(hanging.y() + hanging.height()).isLessThanOrEqualTo(SCREEN.getMaxY());
        assertThat(hanging.width()).isEqualTo(1280);
    }

    @Test
    void noSavedPositionOrOneOnAScreenGoneIsCentred() {
        assertThat(WindowPlacement.standard().fittedTo(SCREEN)).isEqualTo(new WindowPlacement(43, 9, 1280, 720, false));
        assertThat(new WindowPlacement(3000, 2000, 1280, 720, false).fittedTo(SCREEN).x()).isEqualTo(43);
    }
}
