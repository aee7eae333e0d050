package dev.vipoutpaint.storage;

/** A failure of the object store; failed events report it as {@code STORAGE_ERROR}. */
public class StorageException extends RuntimeException {

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
