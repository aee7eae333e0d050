package dev.vipoutpaint.gateway;

/** Messaging channel names of the gateway; their topics are set in application.properties. */
public final class GatewayChannels {

    /** Outgoing request events, topic {@code vip.outpaint.requested}. */
    public static final String REQUESTED_OUT = "gateway-requested";

    /**
     * Incoming prompted, progress, completed and failed events, read by every gateway process in
     * a consumer group of its own, so each one receives the events of every job.
     */
    public static final String JOB_EVENTS_IN = "gateway-job-events";

    private GatewayChannels() {
    }
}
