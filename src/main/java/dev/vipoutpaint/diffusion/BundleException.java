package dev.vipoutpaint.diffusion;

/** A model bundle that is missing, incomplete or does not match the bundle format. */
public class BundleException extends RuntimeException {

    public BundleException(String message) {
        super(message);
    }

    public BundleException(String message, Throwable cause) {
        super(message, cause);
    }
}
