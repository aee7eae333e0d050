package dev.vipoutpaint.diffusion;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads a bundle's {@code golden/index.json} and its raw little-endian tensors. */
final class GoldenTensors {

    private final Path directory;
    private final JsonNode index;

    GoldenTensors(Path bundleDir) throws IOException {
        this.directory = bundleDir.resolve("golden");
        this.index = new ObjectMapper().readTree(directory.resolve("index.json").toFile());
    }

    JsonNode section(String name) {
        return index.get(name);
    }

    long[] shape(String name) {
        JsonNode shape = entry(name).get("shape");
        long[] dims = new long[shape.size()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = shape.get(i).asLong();
        }
        return dims;
    }

    float[] floats(String name) throws IOException {
        ByteBuffer buffer = bytes(name, "float32");
        float[] values = new float[buffer.remaining() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    long[] longs(String name) throws IOException {
        ByteBuffer buffer = bytes(name, "int64");
        long[] values = new long[buffer.remaining() / 8];
        buffer.asLongBuffer().get(values);
        return values;
    }

    private ByteBuffer bytes(String name, String dtype) throws IOException {
        JsonNode entry = entry(name);
        if (!dtype.equals(entry.get("dtype").asText())) {
            throw new IllegalArgumentException(name + " has dtype " + entry.get("dtype") + ", expected " + dtype);
        }
        byte[] raw = Files.readAllBytes(directory.resolve(entry.get("file").asText()));
        return ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
    }

    private JsonNode entry(String name) {
        JsonNode entry = index.get("tensors").get(name);
        if (entry == null) {
            throw new IllegalArgumentException("golden tensor " + name + " is not in " + directory.resolve("index.json"));
        }
        return entry;
    }
}
