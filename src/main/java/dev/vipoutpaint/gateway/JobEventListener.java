package dev.vipoutpaint.gateway;

import dev.vipoutpaint.api.CloudEventHeaders;
import dev.vipoutpaint.api.EventCodec;
import dev.vipoutpaint.api.EventType;
import dev.vipoutpaint.api.InvalidEventException;
import dev.vipoutpaint.api.OutpaintCompleted;
import dev.vipoutpaint.api.OutpaintFailed;
import dev.vipoutpaint.api.OutpaintProgress;
import dev.vipoutpaint.api.OutpaintPrompted;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the prompted, progress, completed and failed events of every job into the
 * {@link JobTracker}, for status requests and event streams.
 *
 * <p>The view is advisory: a record it cannot read is logged and skipped, and offsets are never
 * committed, because each gateway process reads from the end in a consumer group of its own.
 */
@ApplicationScoped
public class JobEventListener {

    private static final Logger LOG = Logger.getLogger(JobEventListener.class);

    @Inject
    JobTracker tracker;

    /** Runs on the Kafka connector's event-loop thread. It only updates memory and does not block. */
    @Incoming(GatewayChannels.JOB_EVENTS_IN)
    public void onEvent(ConsumerRecord<String, byte[]> record) {
        Optional<EventType> type;
        try {
            type = EventType.ofType(CloudEventHeaders.fromKafkaHeaders(record.headers()).type());
        } catch (InvalidEventException e) {
            LOG.warnf("Skipped record %s-%d@%d with key %s: not a CloudEvent (%s)",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            return;
        }
        if (type.isEmpty()) {
            LOG.debugf("Skipped record %s-%d@%d: event type unknown to this gateway",
                    record.topic(), record.partition(), record.offset());
            return;
        }

        try {
            apply(type.get(), record.value());
        } catch (InvalidEventException e) {
            LOG.warnf("jobId=%s: skipped unreadable %s event at %s-%d@%d: %s", record.key(),
                    type.get().type(), record.topic(), record.partition(), record.offset(), e.getMessage());
        }
    }

    private void apply(EventType type, byte[] value) {
        switch (type) {
            case PROMPTED -> {
                OutpaintPrompted event = EventCodec.fromJson(value, OutpaintPrompted.class);
                tracker.update(event.jobId(), "prompted", current -> JobStatuses.prompted(current, event));
            }
            case PROGRESS -> {
                OutpaintProgress event = EventCodec.fromJson(value, OutpaintProgress.class);
                tracker.update(event.jobId(), "progress", current -> JobStatuses.progress(current, event));
            }
            case COMPLETED -> {
                OutpaintCompleted event = EventCodec.fromJson(value, OutpaintCompleted.class);
                tracker.update(event.jobId(), "completed", current -> JobStatuses.completed(current, event));
                LOG.debugf("jobId=%s: completed", event.jobId());
            }
            case FAILED -> {
                OutpaintFailed event = EventCodec.fromJson(value, OutpaintFailed.class);
                tracker.update(event.jobId(), "failed", current -> JobStatuses.failed(current, event));
                LOG.debugf("jobId=%s: failed with %s", event.jobId(), event.code());
            }
            // The gateway writes requests itself and needs nothing from reading them back.
            case REQUESTED -> { }
        }
    }
}
