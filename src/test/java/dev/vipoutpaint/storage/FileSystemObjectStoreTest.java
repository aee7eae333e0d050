package dev.vipoutpaint.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FileSystemObjectStoreTest {

    @TempDir
    Path root;

    @Test
    void putThenGetReturnsSameBytes() {
        FileSystemObjectStore store = new FileSystemObjectStore(root, "bucket");
        byte[] content = "result".getBytes(StandardCharsets.UTF_8);

        store.put("results/job-1/result.json", content, "application/json");

        assertThat(store.get("results/job-1/result.json")).hasValue(content);
        assertThat(store.exists("results/job-1/result.json")).isTrue();
        assertThat(root.resolve("bucket/results/job-1/result.json")).hasBinaryContent(content);
    }

    @Test
    void putReplacesAndLeavesNoTemporaryFile() throws Exception {
        FileSystemObjectStore store = new FileSystemObjectStore(root, "bucket");

        store.put("a/b.png", new byte[] {1, 2, 3}, "image/png");
        store.put("a/b.png", new byte[] {4}, "image/png");

        assertThat(store.get("a/b.png")).hasValue(new byte[] {4});
        try (Stream<Path> files = Files.list(root.resolve("bucket/a"))) {
            assertThat(files.map(path -> path.getFileName().toString())).containsExactly("b.png");
        }
    }

    @Test
    void missingObjectIsEmpty() {
        FileSystemObjectStore store = new FileSystemObjectStore(root, "bucket");

        assertThat(store.get("nothing/here")).isEmpty();
        assertThat(store.exists("nothing/here")).isFalse();
    }

    @Test
    void deleteRemovesObject() {
        FileSystemObjectStore store = new FileSystemObjectStore(root, "bucket");
        store.put("k", new byte[] {1}, "application/octet-stream");

        store.delete("k");

        assertThat(store.exists("k")).isFalse();
    }

    @Test
    void presignedUrlIsEmpty() {
        FileSystemObjectStore store = new FileSystemObjectStore(root, "bucket");

        assertThat(store.presignedGetUrl("k", Duration.ofMinutes(5))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"../outside", "a/../../outside", "/absolute", "folder/", ""})
    void keyOutsideBucketIsRejected(String key) {
        FileSystemObjectStore store = new FileSystemObjectStore(root, "bucket");

        assertThatThrownBy(() -> store.put(key, new byte[] {1}, "application/octet-stream"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + key + "'");
        assertThat(root.resolve("outside")).doesNotExist();
    }
}
