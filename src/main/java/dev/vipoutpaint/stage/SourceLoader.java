package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.outpaint.ImageDecoder;
import dev.vipoutpaint.outpaint.OutpaintException;
import dev.vipoutpaint.storage.ObjectRef;
import dev.vipoutpaint.storage.ObjectStore;
import dev.vipoutpaint.storage.StorageException;
import java.awt.image.BufferedImage;

/** Reads and decodes the images a request references, mapping each failure to a stable code. */
public final class SourceLoader {

    private SourceLoader() {
    }

    /**
     * Loads {@code reference} ({@code s3://bucket/key}, already validated) from {@code store}.
     *
     * @param field {@code source} or {@code mask}, for messages
     * @throws JobFailure with {@code NOT_FOUND}, {@code IMAGE_TOO_LARGE}, {@code STORAGE_ERROR}
     *     (retryable) or {@code INVALID_IMAGE}
     */
    public static BufferedImage load(ObjectStore store, String reference, String field, long maxBytes) {
        ObjectRef ref = ObjectRef.parse(reference);
        byte[] bytes;
        try {
            bytes = store.get(ref.key()).orElseThrow(() -> new JobFailure(ErrorCode.NOT_FOUND,
                    field + " " + reference + " was not found; upload the image first or fix the key"));
        } catch (StorageException e) {
            throw new JobFailure(ErrorCode.STORAGE_ERROR,
                    "reading " + field + " " + reference + " failed: " + e.getMessage(), true, e);
        }
        if (bytes.length > maxBytes) {
            throw new JobFailure(ErrorCode.IMAGE_TOO_LARGE,
                    field + " " + reference + " has " + bytes.length + " bytes, the limit is " + maxBytes
                            + " (vip.limits.max-input-bytes); send a smaller image");
        }
        try {
            return ImageDecoder.decode(bytes);
        } catch (OutpaintException e) {
            throw new JobFailure(ErrorCode.INVALID_IMAGE,
                    field + " " + reference + ": " + e.getMessage(), false, e);
        }
    }
}
