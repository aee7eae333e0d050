package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.ErrorCode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * An uploaded image file with the format and size read from its header. Only the header is read,
 * so a large upload is checked without decoding its pixels; the worker decodes it fully.
 *
 * @param bytes the file as uploaded
 * @param format {@code png}, {@code jpeg}, {@code gif} or {@code bmp}
 * @param width stored width in pixels, before any EXIF rotation
 * @param height stored height in pixels, before any EXIF rotation
 */
record UploadedImage(byte[] bytes, String format, int width, int height) {

    /**
     * Reads the header of {@code bytes}.
     *
     * @param field the form field, for error messages
     * @throws GatewayException 400 {@code INVALID_IMAGE} when no PNG, JPEG, GIF or BMP reader
     *     accepts the header
     */
    static UploadedImage inspect(String field, byte[] bytes) {
        try (ImageInputStream input = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = input == null ? null : ImageIO.getImageReaders(input);
            if (readers == null || !readers.hasNext()) {
                throw invalidImage(field, bytes.length, "no image format recognised");
            }
            return readHeader(readers.next(), input, bytes);
        } catch (GatewayException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Readers throw unchecked exceptions on some truncated files.
            throw invalidImage(field, bytes.length, e.getMessage());
        }
    }

    private static UploadedImage readHeader(ImageReader reader, ImageInputStream input, byte[] bytes)
            throws IOException {
        try {
            reader.setInput(input, true, true);
            String format = reader.getFormatName().toLowerCase(Locale.ROOT);
            return new UploadedImage(bytes, format.equals("jpg") ? "jpeg" : format,
                    reader.getWidth(0), reader.getHeight(0));
        } finally {
            reader.dispose();
        }
    }

    long pixels() {
        return (long) width * height;
    }

    /** File extension of stored copies: {@code png}, {@code jpg}, {@code gif} or {@code bmp}. */
    String extension() {
        return format.equals("jpeg") ? "jpg" : format;
    }

    String contentType() {
        return "image/" + format;
    }

    private static GatewayException invalidImage(String field, int size, String reason) {
        return new GatewayException(400, new ApiError(ErrorCode.INVALID_IMAGE.name(), field, size + " bytes",
                "PNG, JPEG, GIF or BMP",
                field + " is not a readable PNG, JPEG, GIF or BMP image (" + size + " bytes, " + reason
                        + "); upload a PNG or JPEG file"));
    }
}
