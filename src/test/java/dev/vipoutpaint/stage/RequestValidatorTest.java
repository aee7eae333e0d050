package dev.vipoutpaint.stage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.api.CanvasOptions;
import dev.vipoutpaint.api.ErrorCode;
import dev.vipoutpaint.api.EventSamples;
import dev.vipoutpaint.api.OutpaintRequested;
import dev.vipoutpaint.api.OutputOptions;
import dev.vipoutpaint.api.PromptInput;
import dev.vipoutpaint.api.SamplingOptions;
import dev.vipoutpaint.config.VipConfig;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RequestValidatorTest {

    static final String BUCKET = "vip-outpaint";

    static final VipConfig.Limits LIMITS = new VipConfig.Limits() {
        @Override
        public long maxPixels() {
            return 4_194_304;
        }

        @Override
        public int maxSteps() {
            return 150;
        }

        @Override
        public int maxImages() {
            return 4;
        }

        @Override
        public long maxInputBytes() {
            return 1 << 20;
        }
    };

    @Test
    void sampleRequestIsValid() {
        assertThatCode(() -> RequestValidator.validate(EventSamples.requested("job-1"), LIMITS, BUCKET))
                .doesNotThrowAnyException();
    }

    static Stream<Arguments> invalidRequests() {
        String source = "s3://" + BUCKET + "/inputs/a.jpg";
        return Stream.of(
                Arguments.of(request("bad id!", source, null, null), "jobId"),
                Arguments.of(request("j", null, null, null), "source is missing"),
                Arguments.of(request("j", "http://x/y.jpg", null, null), "s3://bucket/key"),
                Arguments.of(request("j", "s3://other/a.jpg", null, null), "must be in bucket 'vip-outpaint'"),
                Arguments.of(request("j", source, CanvasOptions.expand(5, 0, 0, 0), null), "canvas.left must be 0..4.0"),
                Arguments.of(request("j", source, CanvasOptions.expand(0, 0, 0, 0), null), "at least one side"),
                Arguments.of(request("j", source, new CanvasOptions(null, null, null, null, 100, null, null, null), null),
                        "canvas.width and canvas.height"),
                Arguments.of(request("j", source, null, new SamplingOptions(null, 400, null, null, null, null)),
                        "sampling.steps must be 1..150, got 400"),
                Arguments.of(request("j", source, null, new SamplingOptions("euler", null, null, null, null, null)),
                        "sampling.sampler"),
                Arguments.of(request("j", source, null, new SamplingOptions(null, null, 0.5, null, null, null)),
                        "sampling.guidanceScale must be 1..30.0, got 0.5"),
                Arguments.of(request("j", source, null, new SamplingOptions(null, null, null, null, 9, null)),
                        "sampling.numImages must be 1..4, got 9"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void invalidRequestNamesField(OutpaintRequested request, String expectedMessagePart) {
        assertThatThrownBy(() -> RequestValidator.validate(request, LIMITS, BUCKET))
                .isInstanceOf(JobFailure.class)
                .hasMessageContaining(expectedMessagePart)
                .extracting(failure -> ((JobFailure) failure).code())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void jobIdPatternAcceptsUuid() {
        assertThat(RequestValidator.isValidJobId("34194fe5-c7d7-4d2d-b96f-7dd8c7a20e37")).isTrue();
        assertThat(RequestValidator.isValidJobId("../etc")).isFalse();
        assertThat(RequestValidator.isValidJobId("a".repeat(129))).isFalse();
    }

    private static OutpaintRequested request(String jobId, String source, CanvasOptions canvas, SamplingOptions sampling) {
        return new OutpaintRequested(jobId, source, null, canvas, PromptInput.NONE, sampling, OutputOptions.DEFAULTS,
                Instant.now());
    }
}
