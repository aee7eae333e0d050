package dev.vipoutpaint.caption.mllm;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Encodes an image as a {@code data:image/jpeg;base64,...} URL, the form the OpenAI-compatible
 * chat-completions API accepts in an {@code image_url} content part.
 *
 * <p>The image is scaled down first so its long side is at most the configured size: vision
 * models resize large images anyway, and a smaller upload saves bandwidth and request time.
 */
final class ImageDataUrl {

    /** JPEG quality 0..1; 0.9 keeps the detail a captioner needs at a fraction of PNG's size. */
    static final float JPEG_QUALITY = 0.9f;

    private ImageDataUrl() {
    }

    /** Returns {@code image} scaled to fit {@code maxSidePx}, as opaque RGB; smaller images keep their size. */
    static BufferedImage fit(BufferedImage image, int maxSidePx) {
        int width = image.getWidth();
        int height = image.getHeight();
        double scale = Math.min(1.0, maxSidePx / (double) Math.max(width, height));
        int targetWidth = Math.max(1, (int) Math.round(width * scale));
        int targetHeight = Math.max(1, (int) Math.round(height * scale));

        // JPEG has no alpha, so draw onto opaque RGB; transparent pixels become white.
        BufferedImage target = new BufferedImage(targetWidth, targetHeight, BufferedImage.TYPE_INT_RGB);
        Graphics2D graphics = target.createGraphics();
        try {
            graphics.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            graphics.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
            graphics.setColor(java.awt.Color.WHITE);
            graphics.fillRect(0, 0, targetWidth, targetHeight);
            graphics.drawImage(image, 0, 0, targetWidth, targetHeight, null);
        } finally {
            graphics.dispose();
        }
        return target;
    }

    /** Encodes an RGB image as a JPEG data URL. */
    static String encode(BufferedImage rgbImage) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
        if (!writers.hasNext()) {
            throw new IllegalStateException("no JPEG encoder in this JVM");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (MemoryCacheImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionQuality(JPEG_QUALITY);
            writer.setOutput(out);
            writer.write(null, new IIOImage(rgbImage, null, null), param);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to encode the image as JPEG", e);
        } finally {
            writer.dispose();
        }
        return "data:image/jpeg;base64," + Base64.getEncoder().encodeToString(bytes.toByteArray());
    }
}
