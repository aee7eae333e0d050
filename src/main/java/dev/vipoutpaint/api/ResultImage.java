package dev.vipoutpaint.api;

/**
 * One stored result image.
 *
 * @param ref {@code s3://bucket/key}
 * @param url presigned GET URL, null where the store cannot presign
 * @param width in pixels
 * @param height in pixels
 * @param contentType {@code image/png} or {@code image/jpeg}
 */
public record ResultImage(String ref, String url, int width, int height, String contentType) {
}
