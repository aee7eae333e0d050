package dev.vipoutpaint.api;

/**
 * Output options of a request.
 *
 * @param format {@code png} or {@code jpeg}; null takes the configured default
 * @param keyPrefix prefix put before the result keys; null takes the configured prefix
 */
public record OutputOptions(String format, String keyPrefix) {

    public static final OutputOptions DEFAULTS = new OutputOptions(null, null);
}
