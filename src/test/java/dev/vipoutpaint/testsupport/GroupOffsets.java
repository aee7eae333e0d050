package dev.vipoutpaint.testsupport;

import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** Committed and end offsets of one partition, read with the admin client, for tests. */
public final class GroupOffsets {

    private static final long TIMEOUT_SECONDS = 30;

    private GroupOffsets() {
    }

    /** Returns the offset {@code group} committed on partition 0 of {@code topic}, or -1 when it has none. */
    public static long committed(String bootstrapServers, String group, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = admin(bootstrapServers)) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            OffsetAndMetadata committed = offsets.get(partition);
            return committed == null ? -1 : committed.offset();
        } catch (Exception e) {
            throw new IllegalStateException("failed to read the offsets of group " + group, e);
        }
    }

    /** Returns the end offset of partition 0 of {@code topic}: the number of records written to it. */
    public static long end(String bootstrapServers, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        try (Admin admin = admin(bootstrapServers)) {
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).offset();
        } catch (Exception e) {
            throw new IllegalStateException("failed to read the end offset of " + topic, e);
        }
    }

    private static Admin admin(String bootstrapServers) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }
}
