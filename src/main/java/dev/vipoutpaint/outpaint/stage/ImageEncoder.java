package dev.vipoutpaint.outpaint.stage;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.ImageIO;

/** Encodes result images as PNG or JPEG. */
final class ImageEncoder {

    private ImageEncoder() {
    }

    static byte[] encode(BufferedImage image, String format) {
        BufferedImage writable = format.equals("jpeg") ? toRgb(image) : image;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(writable, format, out)) {
                throw new IllegalStateException("no ImageIO writer for format " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a " + format + " image failed", e);
        }
        return out.toByteArray();
    }

    /** JPEG has no alpha channel, so the image is drawn onto an RGB canvas first. */
    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_3BYTE_BGR) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = rgb.createGraphics();
        try {
            graphics.drawImage(image, 0, 0, null);
        } finally {
            graphics.dispose();
        }
        return rgb;
    }
}
