package dev.vipoutpaint.caption;

/** A captioning failure with a stable code for failed events. */
public class CaptionException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public CaptionException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    /** Returns one of the failed-event codes, for example {@code CAPTIONER_UNAVAILABLE}. */
    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
