package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.ErrorCode;

/** A job that cannot be done; the stage turns it into a failed event with {@link #code()}. */
public class JobFailure extends RuntimeException {

    private final ErrorCode code;
    private final boolean retryable;

    public JobFailure(ErrorCode code, String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.code = code;
        this.retryable = retryable;
    }

    public JobFailure(ErrorCode code, String message) {
        this(code, message, false, null);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
