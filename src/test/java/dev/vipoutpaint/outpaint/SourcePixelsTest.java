package dev.vipoutpaint.outpaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class SourcePixelsTest {

    @Test
    void grayscaleKeepsSampleValues() {
        BufferedImage gray = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        gray.getRaster().setSample(0, 0, 0, 100);
        gray.getRaster().setSample(1, 0, 0, 7);

        SourcePixels pixels = SourcePixels.of(gray);

        assertThat(pixels.argb()).containsExactly(0xff646464, 0xff070707);
        assertThat(pixels.hasAlpha()).isFalse();
    }

    @Test
    void sixteenBitGrayScaledToEightBits() {
        BufferedImage gray = new BufferedImage(1, 1, BufferedImage.TYPE_USHORT_GRAY);
        gray.getRaster().setSample(0, 0, 0, 0x8080);

        assertThat(SourcePixels.of(gray).argb()).containsExactly(0xff808080);
    }

    @Test
    void sixteenBitRgbaPngScaledToEightBits() throws Exception {
        ComponentColorModel model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB),
                new int[] {16, 16, 16, 16}, true, false, Transparency.TRANSLUCENT, DataBuffer.TYPE_USHORT);
        WritableRaster raster = model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 0x4000, 0, 0x8000});
        BufferedImage image = new BufferedImage(model, raster, false, null);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);

        SourcePixels pixels = SourcePixels.of(ImageDecoder.decode(png.toByteArray()));

        assertThat(pixels.hasAlpha()).isTrue();
        assertThat(Integer.toHexString(pixels.argb()[0])).isEqualTo(Integer.toHexString(0x80ff4000));
    }

    @Test
    void argbKeepsAlpha() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        image.setRGB(0, 0, 0x40123456);

        SourcePixels pixels = SourcePixels.of(image);

        assertThat(pixels.hasAlpha()).isTrue();
        assertThat(pixels.argb()).containsExactly(0x40123456);
    }
}
