package dev.vipoutpaint.caption.heuristic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vipoutpaint.caption.Caption;
import dev.vipoutpaint.caption.CaptionException;
import dev.vipoutpaint.caption.CaptionMode;
import dev.vipoutpaint.caption.CaptionRequest;
import dev.vipoutpaint.caption.PromptSource;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class HeuristicCaptionerTest {

    private final HeuristicCaptioner captioner = new HeuristicCaptioner();

    static BufferedImage photo(String name) throws IOException {
        try (InputStream in = HeuristicCaptionerTest.class.getResourceAsStream("/photos/" + name)) {
            assertThat(in).as("test photo %s on the classpath", name).isNotNull();
            return ImageIO.read(in);
        }
    }

    @Test
    void skyOverWaterTopSkyBottomWater() throws IOException {
        Caption caption = captioner.caption(CaptionRequest.extrapolate(photo("sky-over-water.jpg")));

        String center = caption.center();
        assertThat(center).as("center prompt").contains("sky at the top");
        assertThat(center).as("center prompt").contains("water at the bottom");
        assertThat(center.indexOf("sky")).as("sky is named before water").isLessThan(center.indexOf("water"));
        assertThat(caption.surrounding()).as("surrounding prompt").contains("sky above");
        assertThat(caption.surrounding()).as("surrounding prompt").contains("water continuing below");
        assertThat(caption.source()).isEqualTo(PromptSource.HEURISTIC);
    }

    @Test
    void describeRingHasSkyAndWater() throws IOException {
        BufferedImage image = photo("sky-over-water.jpg");
        Rectangle box = new Rectangle(53, 37, 214, 146);

        Caption caption = captioner.caption(new CaptionRequest(image, CaptionMode.DESCRIBE, box));

        assertThat(caption.surrounding()).as("ring description").contains("sky above");
        assertThat(caption.surrounding()).as("ring description").contains("water below");
    }

    @Test
    void meadowIsGreenGrassNotSkyOrWater() throws IOException {
        Caption caption = captioner.caption(CaptionRequest.extrapolate(photo("green-meadow.jpg")));

        assertThat(caption.center()).contains("green grass at the bottom");
        assertThat(caption.center()).doesNotContain("sky").doesNotContain("water");
        assertThat(caption.surrounding()).doesNotContain("sky").doesNotContain("water");
    }

    @Test
    void stormSkyIsDarkNotClear() throws IOException {
        Caption caption = captioner.caption(CaptionRequest.extrapolate(photo("storm.jpg")));

        assertThat(caption.center()).startsWith("a dim photo of dark stormy sky at the top");
        assertThat(caption.center()).doesNotContain("clear blue sky");
        assertThat(caption.surrounding()).doesNotContain("water");
    }

    @Test
    void dunePhotoHasBlueSkyAndDryGrass() throws IOException {
        Caption caption = captioner.caption(CaptionRequest.extrapolate(photo("dune.jpg")));

        assertThat(caption.center()).contains("clear blue sky at the top");
        assertThat(caption.center()).contains("dry grass at the bottom");
    }

    @Test
    void sameImageGivesSameCaption() throws IOException {
        for (String name : new String[] {"sky-over-water.jpg", "green-meadow.jpg", "storm.jpg", "dune.jpg"}) {
            Caption first = captioner.caption(CaptionRequest.extrapolate(photo(name)));
            Caption second = new HeuristicCaptioner().caption(CaptionRequest.extrapolate(photo(name)));

            assertThat(second).as("second caption of %s", name).isEqualTo(first);
        }
    }

    @Test
    void differentPhotosGiveDifferentCaptions() throws IOException {
        Caption water = captioner.caption(CaptionRequest.extrapolate(photo("sky-over-water.jpg")));
        Caption meadow = captioner.caption(CaptionRequest.extrapolate(photo("green-meadow.jpg")));

        assertThat(meadow.center()).isNotEqualTo(water.center());
        assertThat(meadow.surrounding()).isNotEqualTo(water.surrounding());
    }

    @Test
    void centerBoxOutsideImageIsRejected() throws IOException {
        BufferedImage image = photo("storm.jpg");
        CaptionRequest request = new CaptionRequest(image, CaptionMode.DESCRIBE, new Rectangle(300, 0, 100, 50));

        assertThatThrownBy(() -> captioner.caption(request))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("x=300,y=0,w=100,h=50")
                .hasMessageContaining("320x213")
                .extracting(e -> ((CaptionException) e).code()).isEqualTo("INVALID_REQUEST");
    }

    @Test
    void centerBoxCoveringWholeImageIsRejected() throws IOException {
        BufferedImage image = photo("storm.jpg");
        CaptionRequest request = new CaptionRequest(image, CaptionMode.DESCRIBE, new Rectangle(0, 0, 320, 213));

        assertThatThrownBy(() -> captioner.caption(request))
                .isInstanceOf(CaptionException.class)
                .hasMessageContaining("leaves no surrounding ring");
    }

    @Test
    void tinyImageStillGetsACaption() {
        BufferedImage image = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        image.setRGB(0, 0, 0x3070d0);

        Caption caption = captioner.caption(CaptionRequest.extrapolate(image));

        assertThat(caption.center()).isNotBlank();
        assertThat(caption.surrounding()).isNotBlank();
    }
}
