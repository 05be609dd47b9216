package io.github.spotifylakehouse.lake;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiShapeTest {

  @Test
  void shapeFollowsTheKeysSeen() {
    assertThat(ApiShape.of(true, false).manifestValue()).isEqualTo("item");
    assertThat(ApiShape.of(false, true).manifestValue()).isEqualTo("track");
    assertThat(ApiShape.of(true, true).manifestValue()).isEqualTo("both");
    assertThat(ApiShape.of(false, false).manifestValue()).isEqualTo("none");
    assertThat(PageKind.PLAYLIST.manifestValue()).isEqualTo("playlist");
    assertThat(PageKind.ITEMS.manifestValue()).isEqualTo("items");
  }
}
