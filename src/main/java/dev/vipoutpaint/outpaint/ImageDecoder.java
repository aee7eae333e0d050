package dev.vipoutpaint.outpaint;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import java.awt.image.BufferedImage;
import java.awt.image.WritableRaster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * Decodes uploaded image bytes and applies the EXIF orientation, so the pixels are upright as
 * photo viewers show them.
 */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * Decodes PNG, JPEG, BMP or GIF bytes (what ImageIO reads) and rotates or mirrors them by the
     * EXIF orientation tag when there is one.
     *
     * @throws OutpaintException {@code INVALID_IMAGE} when the bytes are not a readable image
     */
    public static BufferedImage decode(byte[] bytes) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new OutpaintException(ErrorCodes.INVALID_IMAGE,
                    "the image could not be decoded: " + e.getMessage(), false, e);
        }
        if (image == null) {
            throw new OutpaintException(ErrorCodes.INVALID_IMAGE,
                    "the image format is not supported; send PNG, JPEG, BMP or GIF");
        }
        return orient(image, exifOrientation(bytes));
    }

    /** Reads the EXIF orientation (1..8); returns 1 when the bytes carry none or it cannot be read. */
    static int exifOrientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes), bytes.length);
            ExifIFD0Directory exif = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (exif == null || !exif.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int orientation = exif.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : 1;
        } catch (ImageProcessingException | IOException | MetadataException e) {
            // A broken EXIF block leaves the pixels usable, so they are taken as stored.
            return 1;
        }
    }

    /**
     * Applies EXIF orientation {@code 1..8}: 2 mirrors, 3 rotates 180°, 4 flips, 5 transposes,
     * 6 rotates 90° clockwise, 7 transverses, 8 rotates 90° counter-clockwise. Pixels are copied
     * as raw data elements, so the color model, bit depth and alpha stay as decoded.
     */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation < 1 || orientation > 8) {
            throw new IllegalArgumentException("EXIF orientation must be 1..8, got " + orientation);
        }
        if (orientation == 1) {
            return image;
        }
        int w = image.getWidth();
        int h = image.getHeight();
        boolean swapsSides = orientation >= 5;
        int targetWidth = swapsSides ? h : w;
        int targetHeight = swapsSides ? w : h;
        WritableRaster source = image.getRaster();
        WritableRaster target = image.getColorModel().createCompatibleWritableRaster(targetWidth, targetHeight);

        Object pixel = null;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                pixel = source.getDataElements(x, y, pixel);
                int tx;
                int ty;
                switch (orientation) {
                    case 2 -> { tx = w - 1 - x; ty = y; }
                    case 3 -> { tx = w - 1 - x; ty = h - 1 - y; }
                    case 4 -> { tx = x; ty = h - 1 - y; }
                    case 5 -> { tx = y; ty = x; }
                    case 6 -> { tx = h - 1 - y; ty = x; }
                    case 7 -> { tx = h - 1 - y; ty = w - 1 - x; }
                    default -> { tx = y; ty = w - 1 - x; }
                }
                target.setDataElements(tx, ty, pixel);
            }
        }
        return new BufferedImage(image.getColorModel(), target, image.isAlphaPremultiplied(), null);
    }
}
