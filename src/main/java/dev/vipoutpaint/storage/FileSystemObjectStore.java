package dev.vipoutpaint.storage;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Object store on the local filesystem for local mode: object {@code key} of the bucket is the
 * file {@code root/bucket/key}.
 *
 * <p>Writes go to a temporary file in the same folder and are then moved into place, so a reader
 * never sees half an object. Keys that would leave the bucket folder are rejected.
 */
public final class FileSystemObjectStore implements ObjectStore {

    private final Path bucketDir;
    private final String bucket;

    public FileSystemObjectStore(Path root, String bucket) {
        if (bucket == null || bucket.isBlank() || bucket.contains("/") || bucket.startsWith(".")) {
            throw new IllegalArgumentException(
                    "bucket must be a plain folder name, got '" + bucket + "'");
        }
        this.bucket = bucket;
        this.bucketDir = root.toAbsolutePath().normalize().resolve(bucket);
        try {
            Files.createDirectories(bucketDir);
        } catch (IOException e) {
            throw new StorageException("cannot create the store folder " + bucketDir, e);
        }
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /** The folder that contains the bucket's objects. */
    public Path bucketDir() {
        return bucketDir;
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        Path target = resolve(key);
        Path temporary = target.resolveSibling("." + target.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.write(temporary, content);
            moveIntoPlace(temporary, target);
        } catch (IOException e) {
            throw new StorageException("cannot write object " + key + " to " + target, e);
        } finally {
            deleteQuietly(temporary);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        Path file = resolve(key);
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("cannot read object " + key + " from " + file, e);
        }
    }

    @Override
    public boolean exists(String key) {
        return Files.isRegularFile(resolve(key));
    }

    @Override
    public void delete(String key) {
        Path file = resolve(key);
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new StorageException("cannot delete object " + key + " at " + file, e);
        }
    }

    /** Always empty: files have no presigned URLs; clients read the {@code s3://} reference. */
    @Override
    public Optional<String> presignedGetUrl(String key, Duration expiry) {
        return Optional.empty();
    }

    /** Returns the file of {@code key}; package-private for tests. */
    Path resolve(String key) {
        if (key == null || key.isEmpty() || key.startsWith("/") || key.endsWith("/")) {
            throw new IllegalArgumentException(
                    "object key must be a relative path without a leading or trailing '/', got '" + key + "'");
        }
        Path file = bucketDir.resolve(key).normalize();
        if (!file.startsWith(bucketDir) || file.equals(bucketDir)) {
            throw new IllegalArgumentException("object key must stay inside the bucket, got '" + key + "'");
        }
        return file;
    }

    private static void moveIntoPlace(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // The file is a leftover temporary; failing to remove it does not affect the object.
        }
    }
}
