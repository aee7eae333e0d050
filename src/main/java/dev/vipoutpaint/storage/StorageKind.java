package dev.vipoutpaint.storage;

/** The {@link ObjectStore} adapter the application uses ({@code vip.storage.kind}). */
public enum StorageKind {

    /** A directory on local disk. Local mode uses it, and it cannot presign URLs. */
    FILESYSTEM,

    /** MinIO or any other server speaking the S3 API, through the MinIO Java client. */
    MINIO
}
