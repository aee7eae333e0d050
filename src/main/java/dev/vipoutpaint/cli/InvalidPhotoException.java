package dev.vipoutpaint.cli;

/**
 * A PHOTO argument that names no readable file. The commands print its message as one line,
 * because a stack trace would hide the value the user has to fix.
 */
public final class InvalidPhotoException extends RuntimeException {

    public InvalidPhotoException(String message) {
        super(message);
    }
}
