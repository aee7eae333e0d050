package dev.vipoutpaint.outpaint;

/** An outpainting failure with a stable code for failed events. */
public class OutpaintException extends RuntimeException {

    private final String code;
    private final boolean retryable;

    public OutpaintException(String code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public OutpaintException(String code, String message) {
        this(code, message, false, null);
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
