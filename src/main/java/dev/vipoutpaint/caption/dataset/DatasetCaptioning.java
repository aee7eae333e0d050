package dev.vipoutpaint.caption.dataset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.Captioner;
import java.awt.image.BufferedImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.jboss.logging.Logger;

/**
 * Captions every image under a folder into a JSON Lines file, one object per image:
 * {@code {"image": "<path relative to the folder, '/'-separated>", "center": "...", "surrounding": "..."}}.
 *
 * <p>The run is resumable: images already named in the output file are skipped, each line is
 * flushed as soon as it is written, and a last line cut short by an interrupted run is dropped
 * before appending. Images are processed in path order, so two runs over the same folder write
 * the same file. Not thread-safe; one run per output file at a time.
 */
public final class DatasetCaptioning {

    private static final Logger LOG = Logger.getLogger(DatasetCaptioning.class);

    /** File name extensions read as images, lower case; these are the formats the JDK's ImageIO decodes. */
    static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "gif");

    private final Captioner captioner;
    private final CaptionMode mode;
    private final double centerSideFraction;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param captioner the captioner to call for each image
     * @param mode {@code DESCRIBE} for training data (center box and ring), or {@code EXTRAPOLATE}
     * @param centerSideFraction side of the centered box as a fraction of each image side, in
     *     (0, 1); used in describe mode only
     */
    public DatasetCaptioning(Captioner captioner, CaptionMode mode, double centerSideFraction) {
        CenterBoxes.requireValidFraction(centerSideFraction);
        this.captioner = captioner;
        this.mode = mode;
        this.centerSideFraction = centerSideFraction;
    }

    /** Captions the images under {@code datasetDir} that {@code outputFile} does not name yet. */
    public DatasetSummary run(Path datasetDir, Path outputFile, CaptionProgress progress) {
        if (!Files.isDirectory(datasetDir)) {
            throw new IllegalArgumentException("dataset folder not found or not a folder: " + datasetDir);
        }

        List<String> images = listImages(datasetDir);
        Set<String> done = readCaptionedImages(outputFile);
        List<String> todo = images.stream().filter(image -> !done.contains(image)).toList();
        int skipped = images.size() - todo.size();
        progress.started(images.size(), skipped);
        LOG.infof("Captioning %d of %d images under %s into %s (%d already captioned, mode %s)",
                todo.size(), images.size(), datasetDir, outputFile, skipped, mode);

        int captioned = 0;
        List<DatasetSummary.Failure> failures = new ArrayList<>();
        try (BufferedWriter out = Files.newBufferedWriter(outputFile, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (int i = 0; i < todo.size(); i++) {
                String image = todo.get(i);
                try {
                    Caption caption = captionOne(datasetDir.resolve(image));
                    out.write(jsonLine(image, caption));
                    out.newLine();
                    out.flush();
                    captioned++;
                } catch (InvalidImageException | CaptionException e) {
                    LOG.warnf("Skipping image %s: %s; it gets no caption line and the next run tries it again",
                            image, e.getMessage());
                    failures.add(new DatasetSummary.Failure(image, e.getMessage()));
                }
                progress.advanced(i + 1);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("failed to write captions to " + outputFile, e);
        }

        DatasetSummary summary = new DatasetSummary(images.size(), skipped, captioned, List.copyOf(failures));
        progress.finished(summary);
        return summary;
    }

    private Caption captionOne(Path imageFile) {
        BufferedImage image = readImage(imageFile);
        CaptionRequest request = mode == CaptionMode.DESCRIBE
                ? new CaptionRequest(image, CaptionMode.DESCRIBE,
                        CenterBoxes.centered(image.getWidth(), image.getHeight(), centerSideFraction))
                : CaptionRequest.extrapolate(image);
        return captioner.caption(request);
    }

    private String jsonLine(String image, Caption caption) throws IOException {
        ObjectNode line = json.createObjectNode();
        line.put("image", image);
        line.put("center", caption.center());
        line.put("surrounding", caption.surrounding());
        return json.writeValueAsString(line);
    }

    /** Image paths relative to {@code datasetDir}, '/'-separated, sorted. */
    static List<String> listImages(Path datasetDir) {
        try (Stream<Path> files = Files.walk(datasetDir)) {
            return files.filter(Files::isRegularFile)
                    .filter(DatasetCaptioning::hasImageExtension)
                    .map(file -> datasetDir.relativize(file).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("failed to list images under " + datasetDir, e);
        }
    }

    private static boolean hasImageExtension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads the image names already in {@code outputFile}. A last line without its newline is
     * what an interrupted run leaves behind, so it is cut off to keep the file valid JSON Lines.
     */
    Set<String> readCaptionedImages(Path outputFile) {
        Set<String> done = new HashSet<>();
        if (!Files.exists(outputFile)) {
            return done;
        }

        try {
            dropUnfinishedLastLine(outputFile);
            List<String> lines = Files.readAllLines(outputFile, StandardCharsets.UTF_8);
            for (int lineNumber = 1; lineNumber <= lines.size(); lineNumber++) {
                String line = lines.get(lineNumber - 1);
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node = json.readTree(line);
                JsonNode image = node == null ? null : node.get("image");
                if (image == null || !image.isTextual()) {
                    throw new IllegalArgumentException("output file " + outputFile + " line " + lineNumber
                            + " has no \"image\" field; it is not a captions file, choose another --out path");
                }
                done.add(image.asText());
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("output file " + outputFile
                    + " contains a line that is not JSON; it is not a captions file, choose another --out path", e);
        } catch (IOException e) {
            throw new UncheckedIOException("failed to read existing captions from " + outputFile, e);
        }
        return done;
    }

    private static void dropUnfinishedLastLine(Path outputFile) throws IOException {
        try (RandomAccessFile file = new RandomAccessFile(outputFile.toFile(), "rw")) {
            long length = file.length();
            if (length == 0) {
                return;
            }
            file.seek(length - 1);
            if (file.read() == '\n') {
                return;
            }

            long end = length - 1;
            while (end > 0) {
                file.seek(end - 1);
                if (file.read() == '\n') {
                    break;
                }
                end--;
            }
            LOG.warnf("Dropping an unfinished last line (%d bytes) from %s, left by an interrupted run",
                    length - end, outputFile);
            file.setLength(end);
        }
    }

    private static BufferedImage readImage(Path imageFile) {
        try {
            BufferedImage image = ImageIO.read(imageFile.toFile());
            if (image == null) {
                throw new InvalidImageException("no image decoder for " + imageFile.getFileName()
                        + "; use JPEG, PNG, BMP or GIF");
            }
            return image;
        } catch (IOException e) {
            throw new InvalidImageException("cannot decode " + imageFile.getFileName() + ": " + e.getMessage());
        }
    }

    /** An unreadable file in the dataset; the run goes on without it. */
    static final class InvalidImageException extends RuntimeException {
        InvalidImageException(String message) {
            super(message);
        }
    }
}
