package dev.vipoutpaint.outpaint;

/** Stable codes of {@link OutpaintException}, the same strings failed events carry. */
public final class ErrorCodes {

    public static final String INVALID_REQUEST = "INVALID_REQUEST";
    public static final String INVALID_IMAGE = "INVALID_IMAGE";
    public static final String IMAGE_TOO_LARGE = "IMAGE_TOO_LARGE";
    public static final String MODEL_ERROR = "MODEL_ERROR";

    private ErrorCodes() {
    }
}
