package dev.vipoutpaint.api;

/** Stable codes of failed events; consumers branch on these, so they never change meaning. */
public enum ErrorCode {
    /** The request is missing a field or a value is out of range. */
    INVALID_REQUEST,
    /** The source image or mask cannot be decoded. */
    INVALID_IMAGE,
    /** The input or the output canvas exceeds the configured limits. */
    IMAGE_TOO_LARGE,
    /** The referenced object does not exist. */
    NOT_FOUND,
    /** No captioner could describe the image. */
    CAPTIONER_UNAVAILABLE,
    /** The diffusion model failed. */
    MODEL_ERROR,
    /** The object store failed. */
    STORAGE_ERROR,
    /** The job ran longer than the configured limit. */
    TIMEOUT
}
