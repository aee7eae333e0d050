package dev.vipoutpaint.storage;

import java.util.Objects;

/**
 * A reference {@code s3://bucket/key} to one object.
 *
 * @param bucket the bucket name
 * @param key the object key inside the bucket, without a leading slash
 */
public record ObjectRef(String bucket, String key) {

    private static final String SCHEME = "s3://";

    public ObjectRef {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    /**
     * Parses {@code s3://bucket/key}.
     *
     * @throws IllegalArgumentException naming the value when it is not of that form
     */
    public static ObjectRef parse(String uri) {
        if (uri == null || !uri.startsWith(SCHEME)) {
            throw new IllegalArgumentException(
                    "object reference must look like s3://bucket/key, got '" + uri + "'");
        }
        String rest = uri.substring(SCHEME.length());
        int slash = rest.indexOf('/');
        if (slash <= 0 || slash == rest.length() - 1) {
            throw new IllegalArgumentException(
                    "object reference must name a bucket and a key (s3://bucket/key), got '" + uri + "'");
        }
        return new ObjectRef(rest.substring(0, slash), rest.substring(slash + 1));
    }

    @Override
    public String toString() {
        return SCHEME + bucket + "/" + key;
    }
}
