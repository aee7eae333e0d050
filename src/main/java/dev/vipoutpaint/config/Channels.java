package dev.vipoutpaint.config;

import dev.vipoutpaint.gateway.GatewayChannels;
import java.util.List;
import java.util.Set;

/**
 * Channel names of the stages (topics are set per channel in application.properties) and the
 * roles that use each channel.
 */
public final class Channels {

    /** Captioner input: {@code vip.outpaint.requested}. */
    public static final String REQUESTED_IN = "requested";
    /** Worker input: {@code vip.outpaint.prompted}. */
    public static final String PROMPTED_IN = "prompted";

    public static final String PROMPTED_OUT = "prompted-out";
    public static final String PROGRESS_OUT = "progress-out";
    public static final String COMPLETED_OUT = "completed-out";
    public static final String FAILED_OUT = "failed-out";

    /**
     * A channel with the roles that need it; the channel is disabled unless one of them runs.
     *
     * @param incoming true for {@code mp.messaging.incoming.*}, false for outgoing
     */
    public record Usage(String channel, boolean incoming, Set<Role> roles) {

        public String enabledKey() {
            return "mp.messaging." + (incoming ? "incoming." : "outgoing.") + channel + ".enabled";
        }
    }

    /** Every channel of the gateway, the captioner and the worker. */
    public static final List<Usage> STAGE_CHANNELS = List.of(
            new Usage(GatewayChannels.REQUESTED_OUT, false, Set.of(Role.GATEWAY)),
            new Usage(GatewayChannels.JOB_EVENTS_IN, true, Set.of(Role.GATEWAY)),
            new Usage(REQUESTED_IN, true, Set.of(Role.CAPTIONER)),
            new Usage(PROMPTED_IN, true, Set.of(Role.WORKER)),
            // EventPublisher serves both stages and injects all four stage emitters. An emitter of
            // a disabled channel fails that bean, so a process of either stage keeps all four.
            new Usage(PROMPTED_OUT, false, Set.of(Role.CAPTIONER, Role.WORKER)),
            new Usage(PROGRESS_OUT, false, Set.of(Role.CAPTIONER, Role.WORKER)),
            new Usage(COMPLETED_OUT, false, Set.of(Role.CAPTIONER, Role.WORKER)),
            new Usage(FAILED_OUT, false, Set.of(Role.CAPTIONER, Role.WORKER)));

    private Channels() {
    }
}
