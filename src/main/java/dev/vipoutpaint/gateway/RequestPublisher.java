package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.EncodedEvent;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.config.VipConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;

/** Writes request events as CloudEvents (binary mode, key = jobId) to the requested topic. */
@ApplicationScoped
public class RequestPublisher {

    @Inject
    @Channel(GatewayChannels.REQUESTED_OUT)
    MutinyEmitter<byte[]> requested;

    @Inject
    VipConfig vipConfig;

    @Inject
    GatewayConfig gatewayConfig;

    /**
     * Writes the event and waits for the broker's acknowledgement, so a 202 means the request is
     * stored in Kafka. Blocks, so it runs on a worker thread.
     *
     * @throws RuntimeException when the broker does not acknowledge within
     *     {@code vip.gateway.publish-timeout}
     */
    public void publish(OutpaintRequested request) {
        EncodedEvent event = EventCodec.encode(EventType.REQUESTED, request.jobId(), request, vipConfig.eventSource());
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .withHeaders(new RecordHeaders(event.headers()))
                .build();
        requested.sendMessage(Message.of(event.value()).addMetadata(metadata))
                .await().atMost(gatewayConfig.publishTimeout());
    }
}
