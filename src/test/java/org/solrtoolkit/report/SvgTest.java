package org.solrtoolkit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.solrtoolkit.Fixtures;

/** The charts' axes read well whatever the numbers: round ticks for 10 meters and for a million. */
class SvgTest {

    static final Instant T = Fixtures.T;

    @Test
    void axesHaveRoundTicksFromTenToAMillion() {
        assertThat(Svg.Axis.of(7)).isEqualTo(new Svg.Axis(7, 1));
        assertThat(Svg.Axis.of(10)).isEqualTo(new Svg.Axis(10, 1));
        assertThat(Svg.Axis.of(1_218)).isEqualTo(new Svg.Axis(1_400, 200));
        assertThat(Svg.Axis.of(1_000_000)).isEqualTo(new Svg.Axis(1_000_000, 100_000));
        assertThat(Svg.Axis.of(999_983)).isEqualTo(new Svg.Axis(1_000_000, 100_000));
        assertThat(Svg.Axis.hours(49)).isEqualTo(new Svg.Axis(54, 6));
        assertThat(Svg.Axis.hours(24 * 28)).as("28 days in steps of 3 days").isEqualTo(new Svg.Axis(720, 72));
        assertThat(Svg.count(1_000_000)).isEqualTo("1M");
        assertThat(Svg.count(200_000)).isEqualTo("200k");
        assertThat(Svg.count(1_400)).isEqualTo("1,400");
        assertThat(Svg.hours(48)).isEqualTo("T+2d");
        assertThat(Svg.hours(6)).isEqualTo("T+6h");
    }

    @Test
    void aFleetChartOfTenMetersAndOfAMillionHasItsTicksAndLines() {
        for (long meters : new long[] {10, 1_000_000}) {
            List<Instant> at = List.of(T, T.plus(Duration.ofHours(5)), T.plus(Duration.ofHours(30)));
            String svg = Svg.lines("chart-fleet", "fleet", List.of(new Svg.Series("meters not yet migrated", "#1565c0",
                    at, List.of(meters, meters / 2, 0L))), T);
            assertThat(svg).startsWith("<svg id=\"chart-fleet\"").endsWith("</svg>").contains("<path d=\"M190.0 ",
                    ">meters not yet migrated<");
            assertThat(svg).contains(meters == 10 ? ">10</text>" : ">1M</text>").contains(">T+30h</text>");
        }
    }

    @Test
    void theTimelineMarksLateStepsAndWritesFarDeadlinesAtTheEdge() {
        Instant now = T.plus(Duration.ofHours(30));
        String svg = Svg.timeline("chart-timeline", List.of(
                new Svg.Bar("P1-02", "FAILING_SUPPLIER", T, T.plus(Duration.ofHours(6)), T, Svg.Kind.LATE, "late one"),
                new Svg.Bar("P3-04", "SOLR", T.plus(Duration.ofHours(8)), null, T.plus(Duration.ofDays(28)),
                        Svg.Kind.OPEN, "far <deadline>")), T, now);
        assertThat(svg).contains(">LATE</text>", ">P1-02</text>", "due T+28d &#9654;", "far &lt;deadline&gt;")
                .doesNotContain("<deadline>");
        // the LATE label ends a gap before the plot; the diamond at T+0h starts 4 px before it: no overlap
        java.util.regex.Matcher label = java.util.regex.Pattern.compile("<text x=\"(\\d+)\"[^>]*text-anchor=\"end\">LATE<")
                .matcher(svg);
        assertThat(label.find()).isTrue();
        java.util.regex.Matcher diamond = java.util.regex.Pattern.compile("<path d=\"M([0-9.]+) ").matcher(svg);
        assertThat(diamond.find()).isTrue();
        assertThat(Integer.parseInt(label.group(1))).isLessThan((int) Double.parseDouble(diamond.group(1)) - 4);
    }

    @Test
    void aSeriesTenTimesSmallerGetsAnAxisOfItsOwn() {
        java.time.Instant t = java.time.Instant.parse("2026-11-20T09:00:00Z");
        Svg.Series meters = new Svg.Series("meters not yet migrated", "#1565c0", List.of(t), List.of(2_000L));
        Svg.Series atRisk = new Svg.Series("at risk", "#ef6c00", List.of(t), List.of(600L));
        Svg.Series off = new Svg.Series("off supply", "#c62828", List.of(t), List.of(19L));
        List<Svg.Series> all = List.of(meters, atRisk, off);
        assertThat(Svg.onTheLargestScale(all, true)).containsExactly(meters, atRisk);
        assertThat(Svg.onTheLargestScale(all, false)).containsExactly(off);
    }
}
