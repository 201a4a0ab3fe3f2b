package dev.paas.builder.build;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BuildOutputTest {

    @Test
    void keepsEverythingWhileItFits() {
        BuildOutput output = new BuildOutput(100);
        output.add("-----> Building");
        output.add("done");
        assertThat(output.text()).isEqualTo("-----> Building\ndone");
    }

    @Test
    void keepsTheTailAndSaysHowMuchWasCut() {
        BuildOutput output = new BuildOutput(1024);
        for (int i = 0; i < 10_000; i++) {
            output.add("line " + i);
        }
        String text = output.text();
        assertThat(text.length()).isLessThan(1200);
        assertThat(text).startsWith(" !     ").contains("lines (", ") of build output cut here: the log keeps the last"
                + " 1.0 KB (paas.build.log-max)").endsWith("line 9999");
        assertThat(text.lines().skip(1).findFirst()).hasValueSatisfying(first -> assertThat(first).startsWith("line 9"));
    }
}
