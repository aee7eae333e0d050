package dev.vipoutpaint.api;

/** A record that is not a readable event of the expected type; stages send it to a DLQ. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String message) {
        super(message);
    }

    public InvalidEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
