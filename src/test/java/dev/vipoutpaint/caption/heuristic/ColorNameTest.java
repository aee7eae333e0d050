package dev.vipoutpaint.caption.heuristic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ColorNameTest {

    private static ColorName name(int rgb) {
        return ColorName.of(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f, (rgb & 0xff) / 255f);
    }

    @Test
    void namesCommonColors() {
        assertThat(name(0x000000)).isEqualTo(ColorName.BLACK);
        assertThat(name(0xffffff)).isEqualTo(ColorName.WHITE);
        assertThat(name(0x808080)).isEqualTo(ColorName.GRAY);
        assertThat(name(0xe02020)).isEqualTo(ColorName.RED);
        assertThat(name(0xff8c00)).isEqualTo(ColorName.ORANGE);
        assertThat(name(0x8b4513)).isEqualTo(ColorName.BROWN);
        assertThat(name(0xf0e020)).isEqualTo(ColorName.YELLOW);
        assertThat(name(0x20a030)).isEqualTo(ColorName.GREEN);
        assertThat(name(0x1060e0)).isEqualTo(ColorName.BLUE);
        assertThat(name(0x87b5eb)).isEqualTo(ColorName.LIGHT_BLUE);
        assertThat(name(0x10204a)).isEqualTo(ColorName.DARK_BLUE);
        assertThat(name(0x8030c0)).isEqualTo(ColorName.PURPLE);
        assertThat(name(0x20b0b0)).isEqualTo(ColorName.TEAL);
    }
}
