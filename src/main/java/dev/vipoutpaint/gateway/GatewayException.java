package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.stage.JobFailure;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An error the gateway returns to the client as an {@link ApiError} with an HTTP status. */
public class GatewayException extends RuntimeException {

    /**
     * The form of request validation messages: {@code <field> must be <allowed>, got <value>}.
     * Messages of other forms still reach the client whole, only without the split fields.
     */
    private static final Pattern FIELD_MESSAGE =
            Pattern.compile("^([A-Za-z][A-Za-z0-9.]*) must be (.+?), got (.+)$", Pattern.DOTALL);
    private static final Pattern LEADING_FIELD = Pattern.compile("^([A-Za-z][A-Za-z0-9.]*)[ :]");

    private final int status;
    private final ApiError body;

    public GatewayException(int status, ApiError body, Throwable cause) {
        super(body.message(), cause);
        this.status = status;
        this.body = body;
    }

    public GatewayException(int status, ApiError body) {
        this(status, body, null);
    }

    /** Returns a 400 for {@code field} with the rejected value and the allowed range. */
    static GatewayException invalid(String field, Object value, String allowed, String message) {
        return new GatewayException(400, new ApiError(
                ErrorCode.INVALID_REQUEST.name(), field, String.valueOf(value), allowed, message));
    }

    /**
     * Translates a request validation failure: 413 for {@code IMAGE_TOO_LARGE}, 400 for the rest,
     * with field, value and range taken from the message where it has the usual form.
     */
    static GatewayException fromJobFailure(JobFailure failure) {
        String message = failure.getMessage();
        String field = null;
        String value = null;
        String allowed = null;

        Matcher full = FIELD_MESSAGE.matcher(message);
        Matcher leading = LEADING_FIELD.matcher(message);
        if (full.matches()) {
            field = full.group(1);
            allowed = full.group(2);
            value = full.group(3);
        } else if (leading.find()) {
            field = leading.group(1);
        }

        int status = failure.code() == ErrorCode.IMAGE_TOO_LARGE ? 413 : 400;
        return new GatewayException(status, new ApiError(failure.code().name(), field, value, allowed, message), failure);
    }

    public int status() {
        return status;
    }

    public ApiError body() {
        return body;
    }
}
