package dev.vipoutpaint.api;

import java.util.List;
import org.apache.kafka.common.header.Header;

/**
 * An event ready for Kafka.
 *
 * @param key the record key, the job id, so all events of a job share a partition
 * @param value the JSON data, UTF-8
 * @param headers the {@code ce_*} and content-type headers
 */
public record EncodedEvent(String key, byte[] value, List<Header> headers, CloudEventHeaders attributes) {
}
