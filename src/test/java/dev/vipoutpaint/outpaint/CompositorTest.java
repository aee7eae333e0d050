package dev.vipoutpaint.outpaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CompositorTest {

    @Test
    void keptPixelsBitIdentical() {
        Random random = new Random(3);
        BufferedImage input = new BufferedImage(37, 23, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                input.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        SourcePixels source = SourcePixels.of(input);
        CanvasLayout layout = CanvasGeometry.layout(37, 23, CanvasSpec.expand(0.3, 0.1, 0.5, 0.2), Long.MAX_VALUE);
        boolean[] mask = GenerationMask.build(layout, source, null);
        Planes workMask = CanvasPainter.scaleMask(CanvasPainter.maskPlane(mask, layout.canvasWidth(), layout.canvasHeight()), 32, 24);
        Planes workCanvas = Resampler.resize(CanvasPainter.paint(source, layout), 32, 24);
        Planes generated = randomPlanes(random, 32, 24);

        BufferedImage out = Compositor.composite(source, layout, mask, workCanvas, workMask, generated, 4);

        assertThat(out.getWidth()).isEqualTo(layout.canvasWidth());
        assertThat(out.getHeight()).isEqualTo(layout.canvasHeight());
        for (int y = 0; y < 23; y++) {
            for (int x = 0; x < 37; x++) {
                assertThat(out.getRGB(x + layout.sourceX(), y + layout.sourceY()))
                        .as("pixel (%d, %d)", x, y).isEqualTo(input.getRGB(x, y));
            }
        }
    }

    @Test
    void seamGradientBoundedWhenModelColorsDrift() {
        // A smooth input and a model whose output is the right picture 40 levels too bright: the
        // seam would jump by 40 without color matching.
        BufferedImage input = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int v = 60 + x;
                input.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        SourcePixels source = SourcePixels.of(input);
        CanvasLayout layout = CanvasGeometry.layout(64, 64, CanvasSpec.expand(0, 0.5, 0, 0), Long.MAX_VALUE);
        boolean[] mask = GenerationMask.build(layout, source, null);
        Planes canvas = CanvasPainter.paint(source, layout);
        Planes workMask = CanvasPainter.scaleMask(CanvasPainter.maskPlane(mask, 96, 64), 48, 32);
        Planes workCanvas = Resampler.resize(canvas, 48, 32);
        Planes generated = new Planes(3, 48, 32, workCanvas.data().clone());
        for (int i = 0; i < generated.data().length; i++) {
            generated.data()[i] += 40;
        }

        BufferedImage out = Compositor.composite(source, layout, mask, workCanvas, workMask, generated, 4);

        int maxStep = 0;
        for (int y = 0; y < 64; y++) {
            for (int x = 56; x < 76; x++) {
                int step = Math.abs((out.getRGB(x + 1, y) & 0xff) - (out.getRGB(x, y) & 0xff));
                maxStep = Math.max(maxStep, step);
            }
        }
        assertThat(maxStep).as("largest step between neighbours across the seam band").isLessThanOrEqualTo(4);
        assertThat(out.getRGB(64, 32) & 0xff).as("first generated pixel continues the input")
                .isBetween(120, 128);
    }

    @Test
    void alphaInputKeepsAlphaInKeptRegion() {
        BufferedImage input = new BufferedImage(8, 8, BufferedImage.TYPE_INT_ARGB);
        input.setRGB(0, 0, 8, 8, GenerationMaskTest.filled(64, 0x80405060), 0, 8);
        SourcePixels source = SourcePixels.of(input);
        CanvasLayout layout = CanvasGeometry.layout(8, 8, CanvasSpec.expand(0, 1, 0, 0), Long.MAX_VALUE);
        boolean[] mask = GenerationMask.build(layout, source, null);
        Planes workMask = CanvasPainter.scaleMask(CanvasPainter.maskPlane(mask, 16, 8), 16, 8);
        Planes workCanvas = CanvasPainter.paint(source, layout);

        BufferedImage out = Compositor.composite(source, layout, mask, workCanvas, workMask, workCanvas, 2);

        assertThat(out.getColorModel().hasAlpha()).isTrue();
        assertThat(out.getRGB(3, 3)).isEqualTo(0x80405060);
        assertThat(out.getRGB(12, 3) >>> 24).as("generated pixels are opaque").isEqualTo(255);
    }

    private static Planes randomPlanes(Random random, int width, int height) {
        Planes planes = Planes.zeros(3, width, height);
        for (int i = 0; i < planes.data().length; i++) {
            planes.data()[i] = random.nextFloat() * 255;
        }
        return planes;
    }
}
