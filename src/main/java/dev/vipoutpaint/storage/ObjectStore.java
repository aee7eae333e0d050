package dev.vipoutpaint.storage;

import java.time.Duration;
import java.util.Optional;

/**
 * Port of the object store that contains inputs, results and {@code result.json} manifests.
 *
 * <p>Keys are relative to the configured bucket. Implementations are thread-safe and block, so
 * callers run them on worker threads, never on the Vert.x event loop.
 */
public interface ObjectStore {

    /** The bucket that {@code s3://} references must name. */
    String bucket();

    /** Stores {@code content} under {@code key}, replacing any previous object. */
    void put(String key, byte[] content, String contentType);

    /** Returns the object's bytes, or empty when no object has that key. */
    Optional<byte[]> get(String key);

    boolean exists(String key);

    void delete(String key);

    /**
     * Returns a time-limited GET URL for {@code key}, or empty when the store cannot presign
     * (the filesystem store).
     */
    Optional<String> presignedGetUrl(String key, Duration expiry);
}
