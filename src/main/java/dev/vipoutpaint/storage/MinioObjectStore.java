package dev.vipoutpaint.storage;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.GetPresignedObjectUrlArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.StatObjectArgs;
import io.minio.errors.ErrorResponseException;
import io.minio.http.Method;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@link ObjectStore} on MinIO or any server speaking the S3 API, through the MinIO Java client.
 *
 * <p>Every method except {@link #presignedGetUrl} blocks on an HTTP round trip, so callers run
 * it on a worker thread. Failures are thrown as {@link StorageException} naming the bucket and
 * key. A missing object is not a failure: {@link #get} is empty, {@link #exists} is false and
 * {@link #delete} does nothing.
 */
public final class MinioObjectStore implements ObjectStore {

    private static final Logger LOG = Logger.getLogger(MinioObjectStore.class);

    /** S3 signs presigned URLs for at most 7 days. */
    static final Duration MAX_PRESIGN_EXPIRY = Duration.ofDays(7);

    /** An object larger than this is uploaded in parts of this size (the client's minimum). */
    private static final long PART_SIZE_BYTES = 5L * 1024 * 1024;

    private final MinioClient client;
    private final String bucket;

    public MinioObjectStore(MinioClient client, String bucket) {
        this.client = Objects.requireNonNull(client, "client");
        this.bucket = Objects.requireNonNull(bucket, "bucket");
    }

    /**
     * Builds a client from the configuration, checks that credentials are set, and creates the
     * bucket when it is missing and {@code vip.storage.minio.create-bucket} is true.
     *
     * @throws IllegalArgumentException naming the key when a required setting is missing
     * @throws StorageException when the server cannot be reached or refuses the bucket
     */
    public static MinioObjectStore connect(StorageConfig config) {
        StorageConfig.Minio minio = config.minio();
        String accessKey = minio.accessKey().filter(value -> !value.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("vip.storage.minio.access-key is required when "
                        + "vip.storage.kind=minio; set it or VIP_STORAGE_MINIO_ACCESS_KEY"));
        String secretKey = minio.secretKey().filter(value -> !value.isBlank()).orElseThrow(() ->
                new IllegalArgumentException("vip.storage.minio.secret-key is required when "
                        + "vip.storage.kind=minio; set it or VIP_STORAGE_MINIO_SECRET_KEY"));

        MinioClient client;
        try {
            client = MinioClient.builder()
                    .endpoint(minio.endpoint())
                    .region(minio.region())
                    .credentials(accessKey, secretKey)
                    .build();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("vip.storage.minio.endpoint must be a URL such as "
                    + "http://127.0.0.1:9000, got '" + minio.endpoint() + "'", e);
        }

        MinioObjectStore store = new MinioObjectStore(client, config.bucket());
        if (minio.createBucket()) {
            store.createBucketIfMissing();
        }
        return store;
    }

    @Override
    public String bucket() {
        return bucket;
    }

    /**
     * Creates the bucket unless it exists. Two processes starting together may both try, so the
     * {@code BucketAlreadyOwnedByYou} error of the slower one counts as success.
     */
    public void createBucketIfMissing() {
        try {
            if (client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                return;
            }
            client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            LOG.infof("Created bucket %s", bucket);
        } catch (ErrorResponseException e) {
            if (!"BucketAlreadyOwnedByYou".equals(e.errorResponse().code())) {
                throw new StorageException("could not create bucket " + bucket + ": " + e.getMessage(), e);
            }
        } catch (Exception e) {
            throw new StorageException("could not create bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    /** Checks with one round trip whether the bucket exists. */
    public boolean bucketExists() {
        try {
            return client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build());
        } catch (Exception e) {
            throw new StorageException("could not reach bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void put(String key, byte[] content, String contentType) {
        try {
            client.putObject(PutObjectArgs.builder()
                    .bucket(bucket)
                    .object(key)
                    .contentType(contentType)
                    .stream(new ByteArrayInputStream(content), content.length, PART_SIZE_BYTES)
                    .build());
        } catch (Exception e) {
            throw failure("put", key, e);
        }
    }

    @Override
    public Optional<byte[]> get(String key) {
        try (GetObjectResponse response = client.getObject(
                GetObjectArgs.builder().bucket(bucket).object(key).build())) {
            return Optional.of(response.readAllBytes());
        } catch (ErrorResponseException e) {
            if (isNoSuchKey(e)) {
                return Optional.empty();
            }
            throw failure("get", key, e);
        } catch (Exception e) {
            throw failure("get", key, e);
        }
    }

    @Override
    public boolean exists(String key) {
        try {
            client.statObject(StatObjectArgs.builder().bucket(bucket).object(key).build());
            return true;
        } catch (ErrorResponseException e) {
            if (isNoSuchKey(e)) {
                return false;
            }
            throw failure("stat", key, e);
        } catch (Exception e) {
            throw failure("stat", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            // S3 returns success for a delete of a missing key, so this is idempotent.
            client.removeObject(RemoveObjectArgs.builder().bucket(bucket).object(key).build());
        } catch (Exception e) {
            throw failure("delete", key, e);
        }
    }

    /**
     * Signs a GET URL locally. No round trip is needed because the region is configured.
     *
     * @throws IllegalArgumentException when {@code expiry} is not within 1 second to 7 days
     */
    @Override
    public Optional<String> presignedGetUrl(String key, Duration expiry) {
        if (expiry.compareTo(Duration.ofSeconds(1)) < 0 || expiry.compareTo(MAX_PRESIGN_EXPIRY) > 0) {
            throw new IllegalArgumentException(
                    "presigned URL expiry must be 1 second to 7 days (PT1S..P7D), got " + expiry);
        }
        try {
            return Optional.of(client.getPresignedObjectUrl(GetPresignedObjectUrlArgs.builder()
                    .method(Method.GET)
                    .bucket(bucket)
                    .object(key)
                    .expiry((int) expiry.toSeconds())
                    .build()));
        } catch (Exception e) {
            throw failure("presign", key, e);
        }
    }

    private static boolean isNoSuchKey(ErrorResponseException e) {
        return "NoSuchKey".equals(e.errorResponse().code());
    }

    private StorageException failure(String operation, String key, Exception cause) {
        return new StorageException("could not " + operation + " " + new ObjectRef(bucket, key)
                + ": " + cause.getMessage(), cause);
    }
}
