package dev.vipoutpaint.outpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageDecoderTest {

    @Test
    void exifOrientationSixRotatesClockwise() throws Exception {
        // Stored landscape 40x20: left half red, right half blue. Orientation 6 means the camera
        // was turned, so viewers rotate 90° clockwise: the left half ends up on top.
        byte[] jpeg = withExifOrientation(redLeftBlueRightJpeg(), 6);

        BufferedImage upright = ImageDecoder.decode(jpeg);

        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(upright.getHeight()).isEqualTo(40);
        assertThat(new Color(upright.getRGB(10, 5)).getRed()).as("top is red").isGreaterThan(200);
        assertThat(new Color(upright.getRGB(10, 34)).getBlue()).as("bottom is blue").isGreaterThan(200);
    }

    @Test
    void exifOrientationEightRotatesCounterClockwise() throws Exception {
        byte[] jpeg = withExifOrientation(redLeftBlueRightJpeg(), 8);

        BufferedImage upright = ImageDecoder.decode(jpeg);

        assertThat(upright.getWidth()).isEqualTo(20);
        assertThat(new Color(upright.getRGB(10, 5)).getBlue()).as("top is blue").isGreaterThan(200);
        assertThat(new Color(upright.getRGB(10, 34)).getRed()).as("bottom is red").isGreaterThan(200);
    }

    @Test
    void jpegWithoutExifKeepsOrientation() throws Exception {
        BufferedImage image = ImageDecoder.decode(redLeftBlueRightJpeg());

        assertThat(image.getWidth()).isEqualTo(40);
        assertThat(ImageDecoder.exifOrientation(redLeftBlueRightJpeg())).isEqualTo(1);
    }

    @Test
    void orientationReadFromExif() throws Exception {
        assertThat(ImageDecoder.exifOrientation(withExifOrientation(redLeftBlueRightJpeg(), 3))).isEqualTo(3);
    }

    @Test
    void mirroredOrientationsMapCorners() {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0xff0000);

        assertThat(ImageDecoder.orient(image, 2).getRGB(2, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(ImageDecoder.orient(image, 3).getRGB(2, 1) & 0xffffff).isEqualTo(0xff0000);
        assertThat(ImageDecoder.orient(image, 4).getRGB(0, 1) & 0xffffff).isEqualTo(0xff0000);
        assertThat(ImageDecoder.orient(image, 5).getRGB(0, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(ImageDecoder.orient(image, 6).getRGB(1, 0) & 0xffffff).isEqualTo(0xff0000);
        assertThat(ImageDecoder.orient(image, 7).getRGB(1, 2) & 0xffffff).isEqualTo(0xff0000);
        assertThat(ImageDecoder.orient(image, 8).getRGB(0, 2) & 0xffffff).isEqualTo(0xff0000);
    }

    @Test
    void undecodableBytesRejected() {
        assertThatThrownBy(() -> ImageDecoder.decode(new byte[] {1, 2, 3}))
                .isInstanceOf(OutpaintException.class)
                .hasMessageContaining("not supported")
                .extracting(e -> ((OutpaintException) e).code()).isEqualTo("INVALID_IMAGE");
    }

    private static byte[] redLeftBlueRightJpeg() throws Exception {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }

    /** Inserts an APP1 Exif segment with one IFD0 entry (Orientation, SHORT) right after SOI. */
    private static byte[] withExifOrientation(byte[] jpeg, int orientation) {
        ByteBuffer tiff = ByteBuffer.allocate(26);
        tiff.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        tiff.putInt(0);

        byte[] header = "Exif\0\0".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        int segmentLength = 2 + header.length + tiff.capacity();
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 2 + segmentLength);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) segmentLength);
        out.put(header).put(tiff.array());
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }
}
