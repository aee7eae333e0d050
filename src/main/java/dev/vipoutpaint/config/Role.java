package dev.vipoutpaint.config;

/** A stage a process can run; which roles run is configuration ({@code vip.roles}). */
public enum Role {
    /** REST gateway: accepts uploads, publishes requests, serves status and results. */
    GATEWAY,
    /** Captioning stage: {@code requested} to {@code prompted}. */
    CAPTIONER,
    /** GPU worker stage: {@code prompted} to {@code completed} or {@code failed}. */
    WORKER
}
