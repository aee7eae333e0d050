package dev.vipoutpaint.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.testsupport.S3MockExtension;
import dev.vipoutpaint.testsupport.S3MockServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The MinIO adapter against a real S3 API server (S3Mock on 127.0.0.1). */
@ExtendWith(S3MockExtension.class)
class MinioObjectStoreTest {

    private final S3MockServer s3;
    private MinioObjectStore store;

    MinioObjectStoreTest(S3MockServer s3) {
        this.s3 = s3;
    }

    @BeforeEach
    void connectToFreshBucket() {
        store = MinioObjectStore.connect(StorageConfigs.of(minioProperties(uniqueBucket())));
    }

    @Test
    void getReturnsStoredBytes() {
        byte[] image = randomBytes(300_000);

        store.put("inputs/job-1/source.png", image, "image/png");

        assertThat(store.get("inputs/job-1/source.png")).as("stored object").hasValue(image);
    }

    @Test
    void putMultipartObject() {
        // 6 MiB crosses the client's 5 MiB part size, so this goes through a multipart upload.
        byte[] large = randomBytes(6 * 1024 * 1024);

        store.put("results/big.bin", large, "application/octet-stream");

        assertThat(store.get("results/big.bin")).as("object uploaded in parts").hasValue(large);
    }

    @Test
    void putReplacesExistingObject() {
        store.put("results/job-2/result.json", bytes("{\"v\":1}"), "application/json");
        store.put("results/job-2/result.json", bytes("{\"v\":2}"), "application/json");

        assertThat(store.get("results/job-2/result.json")).hasValue(bytes("{\"v\":2}"));
    }

    @Test
    void getMissingKeyIsEmpty() {
        assertThat(store.get("results/never-written.png")).as("missing key").isEmpty();
    }

    @Test
    void existsFollowsPut() {
        assertThat(store.exists("results/job-3/out.png")).as("before put").isFalse();

        store.put("results/job-3/out.png", randomBytes(10), "image/png");

        assertThat(store.exists("results/job-3/out.png")).as("after put").isTrue();
    }

    @Test
    void deleteIsIdempotent() {
        store.put("results/job-4/out.png", randomBytes(10), "image/png");

        store.delete("results/job-4/out.png");
        store.delete("results/job-4/out.png");

        assertThat(store.exists("results/job-4/out.png")).as("after delete").isFalse();
        assertThat(store.get("results/job-4/out.png")).as("after delete").isEmpty();
    }

    @Test
    void keyWithSpacesAndUnicode() {
        String key = "inputs/job 5/Ünïcode photo.jpg";
        byte[] content = randomBytes(1000);

        store.put(key, content, "image/jpeg");

        assertThat(store.get(key)).hasValue(content);
    }

    @Test
    void presignedUrlServesObject() throws Exception {
        byte[] image = randomBytes(50_000);
        store.put("results/job-6/out.png", image, "image/png");

        String url = store.presignedGetUrl("results/job-6/out.png", Duration.ofMinutes(15)).orElseThrow();
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(url).as("presigned URL").startsWith(s3.endpoint() + "/" + store.bucket() + "/")
                .contains("X-Amz-Expires=900").contains("X-Amz-Signature=");
        assertThat(response.statusCode()).as("HTTP status of the presigned GET").isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.body()).as("downloaded bytes").isEqualTo(image);
    }

    @Test
    void presignedUrlRejectsEightDays() {
        assertThatThrownBy(() -> store.presignedGetUrl("results/x.png", Duration.ofDays(8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("PT192H")
                .hasMessageContaining("1 second to 7 days");
    }

    @Test
    void connectCreatesMissingBucket() {
        String bucket = uniqueBucket();
        Map<String, String> properties = minioProperties(bucket);
        properties.put("vip.storage.minio.create-bucket", "false");
        MinioObjectStore withoutCreate = MinioObjectStore.connect(StorageConfigs.of(properties));
        assertThat(withoutCreate.bucketExists()).as("bucket before connect with create").isFalse();

        MinioObjectStore created = MinioObjectStore.connect(StorageConfigs.of(minioProperties(bucket)));

        assertThat(created.bucketExists()).as("bucket after connect").isTrue();
        created.put("probe.txt", bytes("ok"), "text/plain");
        assertThat(created.get("probe.txt")).hasValue(bytes("ok"));
    }

    @Test
    void connectKeepsExistingBucket() {
        store.put("results/kept.txt", bytes("kept"), "text/plain");

        MinioObjectStore again = MinioObjectStore.connect(StorageConfigs.of(minioProperties(store.bucket())));

        assertThat(again.get("results/kept.txt")).hasValue(bytes("kept"));
    }

    @Test
    void connectWithoutAccessKey() {
        Map<String, String> properties = minioProperties(uniqueBucket());
        properties.remove("vip.storage.minio.access-key");

        assertThatThrownBy(() -> MinioObjectStore.connect(StorageConfigs.of(properties)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("vip.storage.minio.access-key")
                .hasMessageContaining("VIP_STORAGE_MINIO_ACCESS_KEY");
    }

    @Test
    void unreachableServerNamesObject() throws IOException {
        Map<String, String> properties = minioProperties("vip-unreachable");
        properties.put("vip.storage.minio.endpoint", "http://127.0.0.1:" + closedLoopbackPort());
        properties.put("vip.storage.minio.create-bucket", "false");
        MinioObjectStore unreachable = MinioObjectStore.connect(StorageConfigs.of(properties));

        assertThatThrownBy(() -> unreachable.get("results/job-7/out.png"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://vip-unreachable/results/job-7/out.png");
        assertThatThrownBy(() -> unreachable.put("results/job-7/out.png", bytes("x"), "text/plain"))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("s3://vip-unreachable/results/job-7/out.png");
    }

    @Test
    void configDefaults() {
        StorageConfig defaults = StorageConfigs.of(Map.of());

        assertThat(defaults.kind()).isEqualTo(StorageKind.FILESYSTEM);
        assertThat(defaults.minio().endpoint()).isEqualTo("http://127.0.0.1:9000");
        assertThat(defaults.bucket()).isEqualTo("vip-outpaint");
        assertThat(defaults.presignExpiry()).isEqualTo(Duration.ofHours(24));
    }

    private Map<String, String> minioProperties(String bucket) {
        Map<String, String> properties = new HashMap<>();
        properties.put("vip.storage.kind", "minio");
        properties.put("vip.storage.bucket", bucket);
        properties.put("vip.storage.minio.endpoint", s3.endpoint());
        properties.put("vip.storage.minio.access-key", S3MockServer.ACCESS_KEY);
        properties.put("vip.storage.minio.secret-key", S3MockServer.SECRET_KEY);
        return properties;
    }

    private static String uniqueBucket() {
        return "vip-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static int closedLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
