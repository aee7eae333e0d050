package dev.vipoutpaint.local;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The topics of {@code kafka/topics.yaml}, the one list that local mode and the cluster
 * manifests are built from. The file is packaged on the classpath as {@code kafka/topics.yaml}.
 *
 * @param replicationFactor replication factor on a cluster; local mode uses 1
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TopicDefinitions(int replicationFactor, List<Topic> topics) {

    public static final String RESOURCE = "kafka/topics.yaml";

    /**
     * One topic.
     *
     * @param config topic-level settings such as {@code retention.ms}
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Topic(String name, int partitions, Map<String, String> config) {
    }

    /** Reads {@code kafka/topics.yaml} from the classpath. */
    public static TopicDefinitions load() {
        try (InputStream in = TopicDefinitions.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is not on the classpath; rebuild with Maven");
            }
            return new ObjectMapper(new YAMLFactory()).readValue(in, TopicDefinitions.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
