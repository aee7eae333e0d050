package dev.vipoutpaint.caption.dataset;

import java.util.List;

/**
 * Outcome of one dataset captioning run.
 *
 * @param found images found under the dataset folder
 * @param skipped images already present in the output file, left untouched
 * @param captioned images captioned and appended in this run
 * @param failures images that could not be read or captioned, with the reason; they get no line
 *     and are tried again by the next run
 */
public record DatasetSummary(int found, int skipped, int captioned, List<Failure> failures) {

    /** One image that got no caption line. */
    public record Failure(String image, String reason) {
    }
}
