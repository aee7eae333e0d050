package dev.vipoutpaint.outpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CanvasGeometryTest {

    private static final long NO_LIMIT = Long.MAX_VALUE;

    @Test
    void fractionsOnEverySide() {
        CanvasLayout layout = CanvasGeometry.layout(100, 60, CanvasSpec.expandEachSide(0.25), NO_LIMIT);

        assertThat(layout).isEqualTo(new CanvasLayout(150, 90, 25, 15, 100, 60));
    }

    @Test
    void fractionsOnOneSide() {
        CanvasLayout layout = CanvasGeometry.layout(100, 60, CanvasSpec.expand(0, 0.5, 0, 0), NO_LIMIT);

        assertThat(layout).isEqualTo(new CanvasLayout(150, 60, 0, 0, 100, 60));
    }

    @Test
    void fractionsOnOddSizesRoundEachSide() {
        // 0.25 · 101 = 25.25 → 25 per side; 0.25 · 57 = 14.25 → 14; 0.5 · 57 = 28.5 → 29 (half up)
        CanvasLayout layout = CanvasGeometry.layout(101, 57, CanvasSpec.expand(0.25, 0.25, 0.25, 0.5), NO_LIMIT);

        assertThat(layout).isEqualTo(new CanvasLayout(151, 100, 25, 14, 101, 57));
    }

    @Test
    void explicitTargetAndOffset() {
        CanvasLayout layout = CanvasGeometry.layout(100, 60, CanvasSpec.explicit(200, 100, 10, 20), NO_LIMIT);

        assertThat(layout).isEqualTo(new CanvasLayout(200, 100, 10, 20, 100, 60));
    }

    @Test
    void explicitOffsetOutsideCanvasRejected() {
        assertThatThrownBy(() -> CanvasGeometry.layout(100, 60, CanvasSpec.explicit(150, 100, 60, 0), NO_LIMIT))
                .isInstanceOf(OutpaintException.class)
                .hasMessageContaining("canvas.offsetX must be 0..50")
                .hasMessageContaining("got 60")
                .extracting(e -> ((OutpaintException) e).code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void explicitWithoutOffsetRejected() {
        CanvasSpec spec = new CanvasSpec(null, null, null, null, 200, 100, null, null);

        assertThatThrownBy(() -> CanvasGeometry.layout(100, 60, spec, NO_LIMIT))
                .hasMessageContaining("offsetX and offsetY");
    }

    @Test
    void negativeFractionRejected() {
        assertThatThrownBy(() -> CanvasGeometry.layout(100, 60, CanvasSpec.expand(-0.1, 0, 0, 0), NO_LIMIT))
                .hasMessageContaining("canvas.left must be 0..4.0")
                .hasMessageContaining("got -0.1");
    }

    @Test
    void missingFractionRejected() {
        CanvasSpec spec = new CanvasSpec(0.5, null, 0.0, 0.0, null, null, null, null);

        assertThatThrownBy(() -> CanvasGeometry.layout(100, 60, spec, NO_LIMIT))
                .hasMessageContaining("canvas.right is missing");
    }

    @Test
    void canvasOverMaxPixelsRejected() {
        assertThatThrownBy(() -> CanvasGeometry.layout(100, 100, CanvasSpec.expandEachSide(0.5), 30_000))
                .isInstanceOf(OutpaintException.class)
                .hasMessageContaining("200x200 has 40000 pixels, more than the limit of 30000")
                .extracting(e -> ((OutpaintException) e).code()).isEqualTo("IMAGE_TOO_LARGE");
    }

    @Test
    void workingSizeMatchesModelAreaAndMultiple() {
        // scale = sqrt(64·64 / (150·90)) ≈ 0.5508: 82.6 → 80 and 49.6 → 48 in multiples of 8
        assertThat(WorkingSize.fit(150, 90, 64, 64, 8)).isEqualTo(new WorkingSize(80, 48));
        assertThat(WorkingSize.fit(1000, 1000, 512, 512, 64)).isEqualTo(new WorkingSize(512, 512));
        assertThat(WorkingSize.fit(151, 57, 64, 64, 8)).isEqualTo(new WorkingSize(104, 40));
    }

    @Test
    void workingSizeNeverBelowOneMultiple() {
        assertThat(WorkingSize.fit(4000, 10, 64, 64, 8)).isEqualTo(new WorkingSize(1280, 8));
    }
}
