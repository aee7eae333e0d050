package dev.vipoutpaint.gateway;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Body of every 4xx and 5xx response of the gateway.
 *
 * @param code stable code, the same as in failed events ({@code INVALID_REQUEST}, ...)
 * @param field the request field at fault, for example {@code sampling.steps}; null when the
 *     error is not about one field
 * @param value the rejected value as text; null when not about one value
 * @param allowed the allowed values or range, for example {@code 1..150}; null when not known
 * @param message what failed and what to do, naming field, value and allowed range
 */
@Schema(name = "ApiError")
public record ApiError(String code, String field, String value, String allowed, String message) {
}
