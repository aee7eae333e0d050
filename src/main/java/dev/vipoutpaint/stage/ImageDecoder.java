package dev.vipoutpaint.stage;

import com.drew.imaging.ImageMetadataReader;
import com.drew.imaging.ImageProcessingException;
import com.drew.metadata.Metadata;
import com.drew.metadata.MetadataException;
import com.drew.metadata.exif.ExifIFD0Directory;
import dev.vipoutpaint.api.ErrorCode;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/** Decodes uploaded images and applies their EXIF orientation, so pixels are upright. */
public final class ImageDecoder {

    private ImageDecoder() {
    }

    /**
     * Decodes PNG, JPEG, GIF or BMP bytes.
     *
     * @param what names the object in error messages, for example {@code source s3://b/k}
     * @throws JobFailure with {@code INVALID_IMAGE} when the bytes are no decodable image
     */
    public static BufferedImage decode(byte[] bytes, String what) {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new JobFailure(ErrorCode.INVALID_IMAGE,
                    what + " cannot be decoded (" + e.getMessage() + "); upload a PNG or JPEG image", false, e);
        }
        if (image == null) {
            throw new JobFailure(ErrorCode.INVALID_IMAGE,
                    what + " is not a PNG, JPEG, GIF or BMP image (" + bytes.length + " bytes); upload a PNG or JPEG image");
        }
        return orient(image, exifOrientation(bytes));
    }

    /** Returns the EXIF orientation 1..8, or 1 when the image has none. */
    static int exifOrientation(byte[] bytes) {
        try {
            Metadata metadata = ImageMetadataReader.readMetadata(new ByteArrayInputStream(bytes));
            ExifIFD0Directory directory = metadata.getFirstDirectoryOfType(ExifIFD0Directory.class);
            if (directory == null || !directory.containsTag(ExifIFD0Directory.TAG_ORIENTATION)) {
                return 1;
            }
            int orientation = directory.getInt(ExifIFD0Directory.TAG_ORIENTATION);
            return orientation >= 1 && orientation <= 8 ? orientation : 1;
        } catch (ImageProcessingException | IOException | MetadataException e) {
            // Metadata is optional: an image whose EXIF block is unreadable is used as stored.
            return 1;
        }
    }

    /** Applies EXIF orientation 1..8 (TIFF 6.0 tag 274) to {@code image}. */
    static BufferedImage orient(BufferedImage image, int orientation) {
        if (orientation == 1) {
            return image;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        boolean swapsAxes = orientation >= 5;
        AffineTransform transform = new AffineTransform();
        switch (orientation) {
            case 2 -> transform.setTransform(-1, 0, 0, 1, width, 0);           // mirror horizontal
            case 3 -> transform.setTransform(-1, 0, 0, -1, width, height);     // rotate 180
            case 4 -> transform.setTransform(1, 0, 0, -1, 0, height);          // mirror vertical
            case 5 -> transform.setTransform(0, 1, 1, 0, 0, 0);                // transpose
            case 6 -> transform.setTransform(0, 1, -1, 0, height, 0);          // rotate 90 clockwise
            case 7 -> transform.setTransform(0, -1, -1, 0, height, width);     // transverse
            case 8 -> transform.setTransform(0, -1, 1, 0, 0, width);           // rotate 270 clockwise
            default -> {
                return image;
            }
        }
        int type = image.getType() == BufferedImage.TYPE_CUSTOM ? BufferedImage.TYPE_INT_ARGB : image.getType();
        BufferedImage upright = new BufferedImage(swapsAxes ? height : width, swapsAxes ? width : height, type);
        Graphics2D graphics = upright.createGraphics();
        try {
            graphics.drawImage(image, transform, null);
        } finally {
            graphics.dispose();
        }
        return upright;
    }
}
