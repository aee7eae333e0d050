package dev.vipoutpaint.stage;

import dev.vipoutpaint.api.EncodedEvent;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintPrompted;
import dev.vipoutpaint.config.Channels;
import dev.vipoutpaint.config.VipConfig;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Writes the stages' events as CloudEvents (binary mode, key = jobId) and waits for the broker's
 * acknowledgement, so a stage acknowledges its input only after its output is stored.
 *
 * <p>Called on stage worker threads, never on the event loop, because it blocks.
 */
@ApplicationScoped
public class EventPublisher {

    private static final Logger LOG = Logger.getLogger(EventPublisher.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(60);

    @Inject
    @Channel(Channels.PROMPTED_OUT)
    MutinyEmitter<byte[]> prompted;

    @Inject
    @Channel(Channels.PROGRESS_OUT)
    MutinyEmitter<byte[]> progress;

    @Inject
    @Channel(Channels.COMPLETED_OUT)
    MutinyEmitter<byte[]> completed;

    @Inject
    @Channel(Channels.FAILED_OUT)
    MutinyEmitter<byte[]> failed;

    @Inject
    VipConfig config;

    public void prompted(OutpaintPrompted data) {
        send(prompted, EventType.PROMPTED, data.jobId(), data);
    }

    public void completed(OutpaintCompleted data) {
        send(completed, EventType.COMPLETED, data.jobId(), data);
    }

    public void failed(OutpaintFailed data) {
        send(failed, EventType.FAILED, data.jobId(), data);
    }

    /**
     * Writes a progress event without waiting: progress is advisory, and a lost one is replaced
     * by the next. A send failure is logged and never fails the job.
     */
    public void progress(OutpaintProgress data) {
        try {
            EncodedEvent event = EventCodec.encode(EventType.PROGRESS, data.jobId(), data, config.eventSource());
            progress.sendMessage(toMessage(event)).subscribe().with(
                    ignored -> { },
                    failure -> LOG.warnf("jobId=%s: progress event not written: %s", data.jobId(), failure.getMessage()));
        } catch (RuntimeException e) {
            LOG.warnf("jobId=%s: progress event not written: %s", data.jobId(), e.getMessage());
        }
    }

    private void send(MutinyEmitter<byte[]> emitter, EventType type, String jobId, Object data) {
        EncodedEvent event = EventCodec.encode(type, jobId, data, config.eventSource());
        emitter.sendMessage(toMessage(event)).await().atMost(SEND_TIMEOUT);
        LOG.debugf("jobId=%s: wrote %s id=%s", jobId, type.type(), event.attributes().id());
    }

    private static Message<byte[]> toMessage(EncodedEvent event) {
        OutgoingKafkaRecordMetadata<String> metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withKey(event.key())
                .withHeaders(new RecordHeaders(event.headers()))
                .build();
        return Message.of(event.value()).addMetadata(metadata);
    }
}
