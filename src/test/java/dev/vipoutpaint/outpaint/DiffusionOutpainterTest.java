package dev.vipoutpaint.outpaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.caption.PromptSource;
import dev.vipoutpaint.caption.SpacePrompts;
import dev.vipoutpaint.diffusion.TestBundle;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** End to end on the random-weight test bundle: real TorchScript modules, real DJL engine. */
class DiffusionOutpainterTest {

    private static DiffusionOutpainter outpainter;

    @BeforeAll
    static void load() {
        outpainter = new DiffusionOutpainter(TestBundle.get(), new OutpainterLimits(1_000_000, 50, 3));
    }

    @Test
    void outpaintKeepsInputAndFillsCanvas() {
        BufferedImage input = noise(45, 31, 1);
        OutpaintTask task = task(input, CanvasSpec.expand(0.2, 0.4, 0.1, 0.3), sampling("ddim", 4, 4.0, 7, 1.0, 2));
        List<int[]> progress = new ArrayList<>();

        OutpaintResult result = outpainter.outpaint(task, (image, step, total) -> progress.add(new int[] {image, step, total}));

        assertThat(result.images()).hasSize(2);
        BufferedImage out = result.images().get(0);
        assertThat(out.getWidth()).isEqualTo(9 + 45 + 18);
        assertThat(out.getHeight()).isEqualTo(3 + 31 + 9);
        for (int y = 0; y < 31; y++) {
            for (int x = 0; x < 45; x++) {
                assertThat(out.getRGB(x + 9, y + 3)).as("kept pixel (%d, %d)", x, y).isEqualTo(input.getRGB(x, y));
            }
        }
        assertThat(progress).hasSize(8);
        assertThat(progress.get(7)).containsExactly(1, 4, 4);
        assertThat(result.timingsMillis()).containsKeys("geometry", "encode", "denoise", "decode", "composite");
        assertThat(differingPixels(result.images().get(0), result.images().get(1)))
                .as("the second image uses seed + 1").isPositive();
    }

    @Test
    void sameSeedReproducesImage() {
        OutpaintTask task = task(noise(32, 32, 2), CanvasSpec.expandEachSide(0.25), sampling("dpmpp_2m", 3, 3.0, 42, 1.0, 1));

        BufferedImage first = outpainter.outpaint(task, StepListener.NONE).images().get(0);
        BufferedImage second = outpainter.outpaint(task, StepListener.NONE).images().get(0);

        assertThat(differingPixels(first, second)).isZero();
    }

    @Test
    void strengthBelowOneRunsFewerSteps() {
        OutpaintTask task = task(noise(32, 32, 3), CanvasSpec.expand(0, 0.5, 0, 0), sampling("ddim", 10, 4.0, 1, 0.5, 1));
        List<Integer> steps = new ArrayList<>();

        outpainter.outpaint(task, (image, step, total) -> steps.add(total));

        assertThat(steps).hasSize(5).containsOnly(5);
    }

    @Test
    void cancellationStopsBetweenSteps() {
        OutpaintTask task = task(noise(32, 32, 4), CanvasSpec.expandEachSide(0.25), sampling("ddim", 10, 4.0, 1, 1.0, 1));
        List<Integer> steps = new ArrayList<>();

        assertThatThrownBy(() -> outpainter.outpaint(task, (image, step, total) -> {
            steps.add(step);
            if (step == 2) {
                throw new OutpaintCancelledException("cancelled by test");
            }
        })).isInstanceOf(OutpaintCancelledException.class);
        assertThat(steps).containsExactly(1, 2);
    }

    @Test
    void unknownWordsBecomeWarnings() {
        SpacePrompts prompts = new SpacePrompts("a red xyzzy", "green grass", SpacePrompts.totalOf("a red xyzzy", "green grass"),
                "", PromptSource.USER, PromptSource.USER);
        OutpaintTask task = new OutpaintTask("job-words", noise(16, 16, 5), null, CanvasSpec.expandEachSide(0.5),
                prompts, sampling("ddim", 1, 1.0, 0, 1.0, 1));

        OutpaintResult result = outpainter.outpaint(task, StepListener.NONE);

        assertThat(result.warnings()).singleElement().asString().contains("center", "xyzzy");
    }

    @Test
    void stepsOverLimitRejected() {
        OutpaintTask task = task(noise(16, 16, 6), CanvasSpec.expandEachSide(0.5), sampling("ddim", 400, 4.0, 0, 1.0, 1));

        assertThatThrownBy(() -> outpainter.outpaint(task, StepListener.NONE))
                .isInstanceOf(OutpaintException.class)
                .hasMessage("sampling.steps must be 1..50, got 400");
    }

    @Test
    void unknownSamplerRejected() {
        OutpaintTask task = task(noise(16, 16, 6), CanvasSpec.expandEachSide(0.5), sampling("euler", 4, 4.0, 0, 1.0, 1));

        assertThatThrownBy(() -> outpainter.outpaint(task, StepListener.NONE))
                .hasMessageContaining("sampling.sampler must be one of [ddim, dpmpp_2m], got 'euler'");
    }

    @Test
    void inputOverMaxPixelsRejected() {
        OutpaintTask task = task(new BufferedImage(1001, 1000, BufferedImage.TYPE_INT_RGB), CanvasSpec.expandEachSide(0.1),
                sampling("ddim", 4, 4.0, 0, 1.0, 1));

        assertThatThrownBy(() -> outpainter.outpaint(task, StepListener.NONE))
                .isInstanceOf(OutpaintException.class)
                .extracting(e -> ((OutpaintException) e).code()).isEqualTo("IMAGE_TOO_LARGE");
    }

    @Test
    void modelInfoFromBundle() {
        assertThat(outpainter.model()).isEqualTo(new ModelInfo("vip-tiny", "0.1.0"));
    }

    static OutpaintTask task(BufferedImage input, CanvasSpec canvas, SamplingSpec sampling) {
        SpacePrompts prompts = new SpacePrompts("a red house", "green grass and trees",
                SpacePrompts.totalOf("a red house", "green grass and trees"), "", PromptSource.USER, PromptSource.USER);
        return new OutpaintTask("job-test", input, null, canvas, prompts, sampling);
    }

    static SamplingSpec sampling(String sampler, int steps, double guidance, long seed, double strength, int images) {
        return new SamplingSpec(sampler, steps, guidance, seed, strength, images);
    }

    static BufferedImage noise(int width, int height, long seed) {
        Random random = new Random(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, random.nextInt(0x1000000));
            }
        }
        return image;
    }

    private static long differingPixels(BufferedImage a, BufferedImage b) {
        long count = 0;
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                count += a.getRGB(x, y) != b.getRGB(x, y) ? 1 : 0;
            }
        }
        return count;
    }
}
