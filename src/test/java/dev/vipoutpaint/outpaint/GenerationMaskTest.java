package dev.vipoutpaint.outpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import org.junit.jupiter.api.Test;

class GenerationMaskTest {

    @Test
    void userMaskCombinedWithExpansion() {
        SourcePixels source = SourcePixels.of(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB));
        BufferedImage maskImage = new BufferedImage(10, 10, BufferedImage.TYPE_BYTE_GRAY);
        maskImage.getRaster().setSample(3, 4, 0, 255);
        maskImage.getRaster().setSample(4, 4, 0, 127);
        CanvasLayout layout = CanvasGeometry.layout(10, 10, CanvasSpec.expand(0, 0.5, 0, 0), Long.MAX_VALUE);

        boolean[] mask = GenerationMask.build(layout, source, SourcePixels.of(maskImage));

        assertThat(mask).hasSize(15 * 10);
        assertThat(mask[4 * 15 + 3]).as("white user-mask pixel").isTrue();
        assertThat(mask[4 * 15 + 4]).as("user-mask pixel below the threshold").isFalse();
        assertThat(mask[0]).as("input pixel without mask").isFalse();
        assertThat(mask[9 * 15 + 12]).as("expanded pixel").isTrue();
        int generated = 0;
        for (boolean value : mask) {
            generated += value ? 1 : 0;
        }
        assertThat(generated).isEqualTo(5 * 10 + 1);
    }

    @Test
    void transparentInputPixelsGenerated() {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 4, 4, filled(16, 0xff336699), 0, 4);
        image.setRGB(1, 1, 0x00000000);
        image.setRGB(2, 2, 0x01000000);
        CanvasLayout layout = CanvasGeometry.layout(4, 4, CanvasSpec.expand(0.5, 0, 0, 0), Long.MAX_VALUE);

        boolean[] mask = GenerationMask.build(layout, SourcePixels.of(image), null);

        assertThat(mask[1 * 6 + 3]).as("alpha 0").isTrue();
        assertThat(mask[2 * 6 + 4]).as("alpha 1 stays kept").isFalse();
    }

    @Test
    void userMaskOfOtherSizeRejected() {
        SourcePixels source = SourcePixels.of(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB));
        SourcePixels mask = SourcePixels.of(new BufferedImage(5, 10, BufferedImage.TYPE_BYTE_GRAY));
        CanvasLayout layout = CanvasGeometry.layout(10, 10, CanvasSpec.expandEachSide(0.5), Long.MAX_VALUE);

        assertThatThrownBy(() -> GenerationMask.build(layout, source, mask))
                .hasMessageContaining("mask size 5x10 must equal the image size 10x10");
    }

    @Test
    void nothingToGenerateRejected() {
        SourcePixels source = SourcePixels.of(new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB));
        CanvasLayout layout = CanvasGeometry.layout(10, 10, CanvasSpec.expandEachSide(0), Long.MAX_VALUE);

        assertThatThrownBy(() -> GenerationMask.build(layout, source, null))
                .hasMessageContaining("nothing to generate");
    }

    static int[] filled(int count, int argb) {
        int[] pixels = new int[count];
        java.util.Arrays.fill(pixels, argb);
        return pixels;
    }
}
