package org.medscribe.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The pieces that keep the window moving while a draft streams: one costly event per frame, long
 * lists filled over several frames, wrapped labels that measure once per change.
 */
class FramePacingTest {

    private static Stage stage;

    @BeforeAll
    static void toolkit() throws Exception {
        stage = FxToolkit.registerPrimaryStage();
    }

    @Test
    void drainThroughStopsAfterTheFirstHeavyEventAndKeepsTheRestInOrder() {
        StreamBuffer<String> buffer = new StreamBuffer<>();
        List.of("piece", "piece", "DONE-1", "piece", "DONE-2", "piece").forEach(buffer::add);
        List<List<String>> frames = new ArrayList<>();
        while (!buffer.isEmpty()) {
            buffer.drainThrough(event -> event.startsWith("DONE"), frames::add);
        }
        assertThat(frames).containsExactly(List.of("piece", "piece", "DONE-1"), List.of("piece", "DONE-2"),
                List.of("piece"));
        assertThat(buffer.drainThrough(event -> true, frames::add)).isZero();
    }

    @Test
    void pacedChildrenShowTheFirstAtOnceTheRestOverLaterFramesAndANewListStopsTheOld() throws Exception {
        VBox pane = new VBox();
        AtomicInteger built = new AtomicInteger();
        PacedChildren paced = new PacedChildren(pane, 2);
        FxToolkit.setupFixture(() -> {
            stage.setScene(new Scene(pane, 300, 300));
            stage.show();
            paced.show(labels("old", 10, built));
            assertThat(pane.getChildren()).hasSize(2); // at once
            assertThat(built.get()).isEqualTo(2); // the others are not even built yet
            assertThat(paced.filling()).isTrue();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> pane.getChildren().size() >= 4));
        AtomicInteger abandoned = new AtomicInteger();
        FxToolkit.setupFixture(() -> {
            paced.show(labels("stale", 50, abandoned));
            paced.show(labels("new", 5, built));
            assertThat(pane.getChildren()).hasSize(2);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> fx(() -> !paced.filling()));
        List<String> texts = fx(() -> pane.getChildren().stream().map(node -> ((Label) node).getText()).toList());
        assertThat(texts).containsExactly("new 0", "new 1", "new 2", "new 3", "new 4");
        assertThat(abandoned.get()).isEqualTo(2); // the replaced list stopped being built
    }

    @Test
    void aWrappingLabelMeasuresLikeALabelAndFollowsItsText() throws Exception {
        WrappingLabel remembered = new WrappingLabel("Cough for five days.");
        Label plain = new Label("Cough for five days.");
        plain.setWrapText(true);
        FxToolkit.setupFixture(() -> {
            stage.setScene(new Scene(new VBox(remembered, plain), 300, 300));
            stage.show();
            remembered.applyCss();
            plain.applyCss();
        });
        double shortHeight = fx(() -> remembered.prefHeight(120));
        assertThat(shortHeight).isEqualTo(fx(() -> plain.prefHeight(120)));
        String longer = "Cough for five days with fever up to 38.6 C since yesterday, short of breath on stairs, "
                + "no chest pain; takes metformin 500 mg twice daily.";
        FxToolkit.setupFixture(() -> {
            remembered.setText(longer);
            plain.setText(longer);
        });
        double longHeight = fx(() -> remembered.prefHeight(120));
        assertThat(longHeight).isGreaterThan(shortHeight * 2).isEqualTo(fx(() -> plain.prefHeight(120)));
        assertThat(fx(() -> remembered.prefHeight(240))).isLessThan(longHeight)
                .isEqualTo(fx(() -> plain.prefHeight(240)));
    }

    private static List<Supplier<Node>> labels(String prefix, int count, AtomicInteger built) {
        List<Supplier<Node>> nodes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String text = prefix + " " + i;
            nodes.add(() -> {
                built.incrementAndGet();
                return new Label(text);
            });
        }
        return nodes;
    }

    private static <T> T fx(java.util.concurrent.Callable<T> call) throws Exception {
        return WaitForAsyncUtils.asyncFx(call).get(10, TimeUnit.SECONDS);
    }
}
